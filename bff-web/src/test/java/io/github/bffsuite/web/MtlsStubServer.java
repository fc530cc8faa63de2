package io.github.bffsuite.web;

import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.github.bffsuite.web.TestCertificates.Issued;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslHandler;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

/**
 * A downstream service over HTTPS that, like a sample service in the {@code mtls}
 * profile, requires a client certificate issued by one CA. It records the path of every
 * request with the subject of the certificate the caller presented, and answers
 * {@code /users...} and {@code /products...} with a demo user and product.
 */
final class MtlsStubServer implements AutoCloseable {

	private static final String USER = "{\"id\":\"u-001\",\"tenantId\":\"acme\",\"name\":\"Alice Anders\","
			+ "\"email\":\"alice.anders@acme.example\",\"roles\":[\"admin\",\"user\"]}";

	private static final String PRODUCT = "{\"id\":\"p-0001\",\"name\":\"Mutual Book\",\"category\":\"books\","
			+ "\"priceCents\":1200,\"currency\":\"EUR\",\"stock\":3,\"description\":\"A book\"}";

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	/**
	 * Start a server on a free port of 127.0.0.1.
	 * @param certificate the server's certificate and key
	 * @param clientCa the CA whose client certificates it accepts
	 */
	MtlsStubServer(Issued certificate, Path clientCa) {
		Http11SslContextSpec tls = Http11SslContextSpec
			.forServer(certificate.certificate().toFile(), certificate.key().toFile())
			.configure((builder) -> builder.trustManager(clientCa.toFile()).clientAuth(ClientAuth.REQUIRE));
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(tls))
			.handle((request, response) -> {
				String[] subject = new String[1];
				request.withConnection((connection) -> subject[0] = clientSubject(
						connection.channel().pipeline().get(SslHandler.class)));
				this.received.add(new Received(request.uri(), subject[0]));
				String path = request.path();
				String body = path.equals("users") ? "{\"users\":[" + USER + "]}"
						: path.startsWith("users/") ? USER
								: path.equals("products") ? "{\"products\":[" + PRODUCT + "]}"
										: path.startsWith("products/") ? PRODUCT : "{\"ok\":true}";
				return response.header("Content-Type", "application/json").sendString(Mono.just(body)).then();
			})
			.bindNow();
	}

	private static String clientSubject(SslHandler ssl) {
		try {
			Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
			return ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
		}
		catch (SSLPeerUnverifiedException ex) {
			return "none";
		}
	}

	/**
	 * Return the base URL, by IP address (which the certificate must name).
	 * @return the URL
	 */
	String url() {
		return "https://127.0.0.1:" + this.server.port();
	}

	/**
	 * Return the requests received so far.
	 * @return the requests
	 */
	List<Received> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * A request the server answered.
	 *
	 * @param uri its URI, path and query
	 * @param clientSubject the subject of the client's certificate
	 */
	record Received(String uri, String clientSubject) {

	}

}
