package io.github.bffsuite.partner.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.bffsuite.edge.grpc.transcoding.HttpBinding;

/**
 * Where the transcoded catalogue lives: the route {@code partner-catalog-grpc} of
 * application.yml serves {@value #PUBLIC_PREFIX}{@code /**} by rewriting the prefix to
 * the HTTP rules' {@value #RULE_PREFIX} and transcoding to the gRPC service
 * {@value #SERVICE} of {@code edge.grpc.services}.
 */
public final class CatalogRoutes {

	/** Name of product-service under {@code edge.grpc.services}. */
	public static final String SERVICE = "product-service";

	/** Path prefix of the transcoded catalogue on the gateway. */
	public static final String PUBLIC_PREFIX = "/partner/v2/catalog";

	/** Path prefix of product-service's HTTP rules. */
	public static final String RULE_PREFIX = "/v1";

	private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_.]+)(?:=([^}]*))?}");

	private CatalogRoutes() {
	}

	/**
	 * Return the gateway path of a binding, as OpenAPI writes paths:
	 * {@code /v1/{name=products/*}} is {@code /partner/v2/catalog/products/{name}}.
	 * @param binding the binding
	 * @return the path, or {@code null} when the rule is outside {@value #RULE_PREFIX}
	 */
	public static String publicPath(HttpBinding binding) {
		String path = binding.path();
		if (!path.startsWith(RULE_PREFIX + "/")) {
			throw new IllegalStateException("HTTP rule " + path + " of " + binding.method().getFullName()
					+ " is outside " + RULE_PREFIX + ": the catalogue route does not reach it");
		}
		Matcher matcher = VARIABLE.matcher(path.substring(RULE_PREFIX.length()));
		StringBuilder result = new StringBuilder(PUBLIC_PREFIX);
		while (matcher.find()) {
			String segments = matcher.group(2);
			String parameter = "{" + parameterName(matcher.group(1)) + "}";
			matcher.appendReplacement(result,
					Matcher.quoteReplacement((segments != null) ? segments.replace("*", parameter) : parameter));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * Return the OpenAPI name of the path parameter that fills a field.
	 * @param fieldPath the field path of the rule's variable, such as
	 * {@code filter.category}
	 * @return the parameter name, such as {@code category}
	 */
	public static String parameterName(String fieldPath) {
		return fieldPath.substring(fieldPath.lastIndexOf('.') + 1);
	}

}
