package io.github.bffsuite.partner.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.partner.catalog.CatalogOpenApi;
import io.github.bffsuite.partner.web.ProblemResponses;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.filters.OpenApiMethodFilter;
import org.springdoc.core.models.GroupedOpenApi;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The partner API's OpenAPI documents, one per version plus one for key administration:
 * both security schemes (API key and OAuth2 client credentials), the RFC 9457 problem
 * schema on every error answer, and the rate limit headers on every answer.
 */
@Configuration(proxyBeanMethods = false)
class PartnerOpenApiConfiguration {

	private static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final Map<Integer, String> PROBLEMS = Map.of(400,
			"Invalid request: `errors` names each field and why (type validation-failed, or "
					+ "invalid-webhook-url for a refused webhook URL)",
			401,
			"Missing, malformed, unknown, revoked or expired credentials (types unauthenticated, invalid-token, "
					+ "invalid-api-key with a reason)",
			403, "The credentials do not grant this (types insufficient-scope, access-denied)", 404,
			"Not found, or not your tenant's", 409,
			"Conflicts with the resource's state, or a retry while the "
					+ "first request with the same Idempotency-Key runs",
			422, "Idempotency-Key reused with another body (type idempotency-key-mismatch)", 429,
			"A rate limit policy is exhausted (type quota-exceeded, violated-policies names it); wait Retry-After "
					+ "seconds");

	/**
	 * The mappings of resources whose answer differs by version, such as
	 * {@code /partner/v{version}/orders} with {@code version = "1"}: springdoc writes
	 * them with the version's literal path, {@code /partner/v1/orders}.
	 */
	private static final String VERSIONED_PATHS = "/partner/v{version}/**";

	/**
	 * Keep the operations of one version: those mapped for it, and those mapped for no
	 * version in particular (their paths name it).
	 * @param version the version, as the mappings declare it
	 * @return the filter
	 */
	private static OpenApiMethodFilter mappedFor(String version) {
		return (method) -> {
			RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
			return mapping == null || mapping.version().isEmpty() || mapping.version().equals(version);
		};
	}

	@Bean
	GroupedOpenApi partnerV1Api(PartnerProperties properties) {
		return GroupedOpenApi.builder()
			.group("v1")
			.displayName("Partner API v1 (deprecated)")
			.pathsToMatch("/partner/v1/**", VERSIONED_PATHS)
			.pathsToExclude("/partner/v2/**")
			.addOpenApiMethodFilter(mappedFor("1"))
			.addOperationCustomizer(standardResponses(true))
			.addOpenApiCustomizer(version("1",
					"Deprecated: use v2. Amounts are decimal numbers in the "
							+ "catalogue currency, times epoch milliseconds. Sunset: "
							+ properties.getV1().getSunsetAt() + "."))
			.build();
	}

	@Bean
	GroupedOpenApi partnerV2Api(CatalogOpenApi catalog) {
		return GroupedOpenApi.builder()
			.group("v2")
			.displayName("Partner API v2")
			.pathsToMatch("/partner/v2/**", VERSIONED_PATHS)
			.pathsToExclude("/partner/v1/**")
			.addOpenApiMethodFilter(mappedFor("2"))
			.addOperationCustomizer(standardResponses(false))
			.addOpenApiCustomizer(version("2",
					"Money is an amount string with its ISO 4217 currency, times are " + "RFC 3339 in UTC."))
			// the catalogue transcoded to product-service's gRPC API, described from its
			// HTTP rules
			.addOpenApiCustomizer(catalog)
			.build();
	}

	@Bean
	GroupedOpenApi partnerAdminApi() {
		return GroupedOpenApi.builder()
			.group("admin")
			.displayName("API key and webhook administration")
			.pathsToMatch("/partner/admin/**")
			.addOperationCustomizer(standardResponses(false))
			.addOpenApiCustomizer(version("admin",
					"Self-service API keys and quota event webhook of your tenant, for a client-credential "
							+ "token with scope keys:admin. A new key's secret and a new webhook signing secret "
							+ "are shown once."))
			.build();
	}

	@Bean
	OpenAPI partnerOpenApi(@Value("${edge.security.jwt.issuer-uri:http://localhost:9000}") String issuer,
			PartnerProperties properties) {
		Scopes scopes = new Scopes();
		properties.getKeys().getGrantableScopes().forEach((scope) -> scopes.addString(scope, scope));
		scopes.addString(properties.getKeys().getAdminScope(), "Administer the tenant's API keys and webhook");
		return new OpenAPI()
			.components(new Components()
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-API-Key")
							.description("bffk_<environment>_<tenant>_<random><checksum>"))
				.addSecuritySchemes("oauth2",
						new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
							.description("Client credentials of the partner's OAuth2 client (audience bff-partner)")
							.flows(new OAuthFlows()
								.clientCredentials(new OAuthFlow().tokenUrl(issuer + "/oauth2/token").scopes(scopes))))
				.addSchemas(PROBLEM, problemSchema())
				.addHeaders("RateLimit-Policy",
						header("Every policy of your plan (IETF draft-10), such as "
								+ "\"pro-burst\";q=600;w=60, \"pro-daily\";q=500000;w=86400"))
				.addHeaders("RateLimit",
						header("What is left of each policy, such as \"pro-daily\";r=499950;t=3600 (r remaining, "
								+ "t seconds to reset)"))
				.addHeaders("X-RateLimit-Limit", integerHeader("Size of the most constraining limit"))
				.addHeaders("X-RateLimit-Remaining", integerHeader("What is left of it"))
				.addHeaders("X-RateLimit-Reset", integerHeader("Seconds until it resets"))
				.addHeaders("Retry-After", integerHeader("Seconds to wait before retrying")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"))
			.addSecurityItem(new SecurityRequirement().addList("oauth2"));
	}

	private static OpenApiCustomizer version(String version, String description) {
		return (openApi) -> openApi.info(new Info().title("bff-partner API " + version)
			.version(version)
			.description(description + " Errors are RFC 9457 problem+json; every answer carries the rate "
					+ "limit headers."));
	}

	private static OperationCustomizer standardResponses(boolean deprecated) {
		return (operation, handler) -> {
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			operation.setResponses(responses);
			responses.forEach((status, response) -> {
				if (status.startsWith("2")) {
					rateLimitHeaders(response, deprecated);
				}
			});
			List<Integer> statuses = new java.util.ArrayList<>(List.of(400, 401, 403, 429));
			ProblemResponses extra = handler.getMethodAnnotation(ProblemResponses.class);
			if (extra != null) {
				for (int status : extra.value()) {
					statuses.add(status);
				}
			}
			statuses.stream().sorted().distinct().forEach((status) -> {
				ApiResponse response = new ApiResponse().description(PROBLEMS.get(status))
					.content(new Content().addMediaType(PROBLEM_JSON,
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
								.addExamples("example", new Example().value(example(status)))));
				rateLimitHeaders(response, deprecated);
				if (status == 429) {
					response.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
				}
				responses.addApiResponse(Integer.toString(status), response);
			});
			if (deprecated) {
				operation.setDeprecated(true);
			}
			return operation;
		};
	}

	private static void rateLimitHeaders(ApiResponse response, boolean deprecated) {
		for (String name : List.of("RateLimit-Policy", "RateLimit", "X-RateLimit-Limit", "X-RateLimit-Remaining",
				"X-RateLimit-Reset")) {
			response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name));
		}
		if (deprecated) {
			response.addHeaderObject("Deprecation",
					new Header().description("RFC 9745: deprecated since, as @<epoch seconds>")
						.schema(new StringSchema().example("@1793491200")));
			response.addHeaderObject("Sunset", new Header().description("RFC 8594: may stop answering after")
				.schema(new StringSchema().example("Wed, 30 Jun 2027 23:59:59 GMT")));
			response.addHeaderObject("Link",
					new Header()
						.description("rel=\"deprecation\" notice and " + "rel=\"successor-version\" documentation")
						.schema(new StringSchema()));
		}
	}

	private static Map<String, Object> example(int status) {
		Map<String, Object> example = new LinkedHashMap<>();
		String slug = switch (status) {
			case 400 -> "validation-failed";
			case 401 -> "invalid-api-key";
			case 403 -> "insufficient-scope";
			case 422 -> "idempotency-key-mismatch";
			case 429 -> "quota-exceeded";
			default -> EdgeProblems.slug(org.springframework.http.HttpStatusCode.valueOf(status));
		};
		example.put("type", EdgeProblems.BASE + slug);
		example.put("title", EdgeProblems.title(org.springframework.http.HttpStatusCode.valueOf(status)));
		example.put("status", status);
		switch (status) {
			case 400 -> {
				example.put("detail", "limit: must be an integer from 1 to 100");
				example.put("errors", List.of(Map.of("field", "limit", "reason", "must be an integer from 1 to 100")));
			}
			case 401 -> {
				example.put("detail", "The API key is malformed or mistyped");
				example.put("reason", "malformed");
			}
			case 429 -> {
				example.put("detail", "Rate limit policy 'pro-daily' exceeded");
				example.put("violated-policies", List.of("pro-daily"));
				example.put("retryAfter", 3600);
			}
			default -> example.put("detail", PROBLEMS.get(status));
		}
		example.put("requestId", "0b3f4c1e-9a51-4c1f-8a0e-2f6d9b7c5a10");
		return example;
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().format("uri").description("Stable problem type"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema().description("What went wrong, safe to show"))
			.addProperty("instance", new StringSchema().format("uri-reference"))
			.addProperty("requestId", new StringSchema().description("X-Request-ID of the request"))
			.addProperty("errors",
					new ArraySchema().description("validation-failed: each invalid field")
						.items(new ObjectSchema().addProperty("field", new StringSchema())
							.addProperty("reason", new StringSchema())))
			.addProperty("reason",
					new StringSchema().description(
							"invalid-api-key: malformed, unknown, revoked, " + "expired or address-not-allowed"))
			.addProperty("violated-policies",
					new ArraySchema().description("quota-exceeded: the policies exhausted").items(new StringSchema()))
			.addProperty("retryAfter", new IntegerSchema().description("429: seconds to wait"));
	}

	private static Header header(String description) {
		return new Header().description(description).schema(new StringSchema());
	}

	private static Header integerHeader(String description) {
		return new Header().description(description).schema(new IntegerSchema());
	}

}
