package io.github.bffsuite.edge.tls;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * A plain HTTP listener ({@code edge.tls.http-redirect.port}) that answers every request
 * with a redirect to the same path and query on the HTTPS port, as nginx's
 * {@code return 308 https://$host$request_uri}. It starts once the HTTPS server is up (so
 * it knows its port) and stops with the application. The redirect carries no HSTS header:
 * RFC 6797 forbids it on plain HTTP; the HTTPS answers carry it.
 */
public class HttpsRedirectServer implements ApplicationListener<ReactiveWebServerInitializedEvent>, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HttpsRedirectServer.class);

	/** A DNS name or IPv4 address, or an IPv6 literal in brackets. */
	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

	private final EdgeTlsProperties.HttpRedirect properties;

	private volatile @Nullable DisposableServer server;

	private volatile int httpsPort;

	/**
	 * Create the listener.
	 * @param properties its port, status and the HTTPS port to redirect to
	 */
	public HttpsRedirectServer(EdgeTlsProperties.HttpRedirect properties) {
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null || this.server != null) {
			return; // the management server, or already started
		}
		Integer configured = this.properties.getHttpsPort();
		this.httpsPort = (configured != null) ? configured : event.getWebServer().getPort();
		Integer port = this.properties.getPort();
		if (port == null) {
			return;
		}
		DisposableServer started = HttpServer.create().port(port).handle(this::redirect).bindNow();
		this.server = started;
		logger.info("Plain HTTP on port {} redirects ({}) to HTTPS on port {}", started.port(),
				this.properties.getStatus(), this.httpsPort);
	}

	private Mono<Void> redirect(HttpServerRequest request, HttpServerResponse response) {
		String host = host(request.requestHeaders().get(HttpHeaderNames.HOST));
		String uri = request.uri();
		if (host == null || !uri.startsWith("/")) {
			return response.status(HttpResponseStatus.BAD_REQUEST)
				.header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
				.header(HttpHeaderNames.CONNECTION, "close")
				.sendString(Mono
					.just("{\"type\":\"https://bff-suite.dev/problems/bad-request\",\"title\":\"Bad Request\","
							+ "\"status\":400,\"detail\":\"Plain HTTP is redirected to HTTPS; send a valid Host header\"}"),
						StandardCharsets.UTF_8)
				.then();
		}
		String authority = (this.httpsPort == 443) ? host : host + ":" + this.httpsPort;
		URI location = URI.create("https://" + authority + uri);
		return response.status(this.properties.getStatus())
			.header(HttpHeaderNames.LOCATION, location.toASCIIString())
			.header(HttpHeaderNames.CONTENT_LENGTH, "0")
			.send();
	}

	/**
	 * The host of a {@code Host} header without its port, or {@code null} when it is not
	 * a plain host name or address (so a header cannot redirect to anything but a host).
	 */
	static @Nullable String host(@Nullable String header) {
		if (header == null) {
			return null;
		}
		String host = header.trim();
		int colon = host.lastIndexOf(':');
		if (colon > host.lastIndexOf(']')) {
			String port = host.substring(colon + 1);
			if (!port.chars().allMatch(Character::isDigit)) {
				return null;
			}
			host = host.substring(0, colon);
		}
		return HOST.matcher(host).matches() ? host : null;
	}

	/**
	 * The port the listener is bound to, or -1 when it is not running.
	 * @return the port
	 */
	public int getPort() {
		DisposableServer current = this.server;
		return (current != null) ? current.port() : -1;
	}

	@Override
	public void start() {
		// started by the web server's initialized event, once the HTTPS port is known
	}

	@Override
	public void stop() {
		DisposableServer current = this.server;
		this.server = null;
		if (current != null) {
			current.disposeNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

}
