package io.github.bffsuite.partner.api;

import java.util.regex.Pattern;

import io.github.bffsuite.partner.config.PartnerProperties;
import io.github.bffsuite.partner.web.DeprecationHeadersWebFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.accept.ApiVersionResolver;
import org.springframework.web.reactive.accept.PathApiVersionResolver;

/**
 * The partner API's versions, with Spring Framework's API versioning: the version is the
 * second path segment of {@code /partner/v1/...} and {@code /partner/v2/...} (parsed by
 * the semantic parser, which skips the {@code v}), the supported ones are listed under
 * {@code spring.webflux.apiversion.supported}, and other paths (the key administration,
 * the documents) carry none. Spring Boot hands this resolver to the versioning strategy;
 * springdoc reads its segment index to write each version's literal paths. Version 1
 * announces its deprecation and sunset on every answer, errors included.
 */
@Configuration(proxyBeanMethods = false)
public class PartnerApiVersions {

	/** The path of a versioned resource, before its own part. */
	public static final String PATH = "/partner/v{version}";

	private static final Pattern VERSIONED = Pattern.compile("/partner/v[^/]+(/.*)?");

	@Bean
	DeprecationHeadersWebFilter v1DeprecationHeadersWebFilter(PartnerProperties properties) {
		PartnerProperties.Deprecation v1 = properties.getV1();
		return new DeprecationHeadersWebFilter("/partner/v1", v1.getDeprecatedAt(), v1.getSunsetAt(), v1.getNotice(),
				v1.getSuccessor());
	}

	@Bean
	ApiVersionResolver partnerApiVersionResolver() {
		return new PathApiVersionResolver(1,
				(path) -> VERSIONED.matcher(path.pathWithinApplication().value()).matches());
	}

}
