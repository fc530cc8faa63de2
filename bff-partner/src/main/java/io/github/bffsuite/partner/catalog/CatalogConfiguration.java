package io.github.bffsuite.partner.catalog;

import io.github.bffsuite.edge.grpc.transcoding.GrpcBackends;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the transcoded catalogue (the route itself is in
 * application.yml).
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	CatalogOpenApi catalogOpenApi(ObjectProvider<GrpcBackends> backends) {
		GrpcBackends available = backends.getIfAvailable();
		return new CatalogOpenApi((available != null) ? available.get(CatalogRoutes.SERVICE) : null);
	}

}
