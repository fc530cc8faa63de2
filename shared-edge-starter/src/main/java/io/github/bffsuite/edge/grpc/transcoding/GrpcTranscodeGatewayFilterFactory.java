package io.github.bffsuite.edge.grpc.transcoding;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.util.Assert;

/**
 * Answers a route's requests with gRPC calls to one service of
 * {@code edge.grpc.services}: {@code GrpcTranscode=product-service} maps the request (as
 * earlier filters such as {@code RewritePath} leave its path) onto a method by the
 * {@code google.api.http} rules of the service's descriptor set. The route's {@code uri}
 * is never called; the filter ends the chain.
 * <p>
 * Named like Spring Cloud Gateway's own filters ({@code JsonToGrpc}, which maps a JSON
 * POST onto one configured method without HTTP rules).
 */
public class GrpcTranscodeGatewayFilterFactory
		extends AbstractGatewayFilterFactory<GrpcTranscodeGatewayFilterFactory.Config> {

	private final GrpcBackends backends;

	private final GrpcTranscoder transcoder;

	public GrpcTranscodeGatewayFilterFactory(GrpcBackends backends, GrpcTranscoder transcoder) {
		super(Config.class);
		this.backends = backends;
		this.transcoder = transcoder;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("service");
	}

	@Override
	public GatewayFilter apply(Config config) {
		String name = config.getService();
		Assert.hasText(name, "GrpcTranscode needs the name of a service of edge.grpc.services");
		GrpcBackend backend = this.backends.get(name);
		if (backend == null) {
			throw new IllegalArgumentException("GrpcTranscode=" + name + ": no such service under edge.grpc.services ("
					+ this.backends.all().stream().map(GrpcBackend::name).toList() + ")");
		}
		return (exchange, chain) -> {
			// the transcoder answers: no routing filter must proxy the request as well
			ServerWebExchangeUtils.setAlreadyRouted(exchange);
			return this.transcoder.transcode(exchange, backend);
		};
	}

	/**
	 * Configuration of the filter.
	 */
	public static class Config {

		private @Nullable String service;

		/**
		 * Return the name of the service under {@code edge.grpc.services}.
		 * @return the name
		 */
		public @Nullable String getService() {
			return this.service;
		}

		/**
		 * Set the name of the service under {@code edge.grpc.services}.
		 * @param service the name
		 * @return this
		 */
		public Config setService(String service) {
			this.service = service;
			return this;
		}

	}

}
