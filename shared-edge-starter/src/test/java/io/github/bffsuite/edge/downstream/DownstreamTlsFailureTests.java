package io.github.bffsuite.edge.downstream;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLHandshakeException;

import io.github.bffsuite.edge.support.UpstreamFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.DecoderException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A failed TLS handshake with a downstream: a 502 with its own reason, never retried.
 */
class DownstreamTlsFailureTests {

	private static final String MISNAMED = "No subject alternative names matching IP address 127.0.0.1 found";

	@Test
	void isATlsFailureThroughWrappersAndNotAConnectFailure() {
		Throwable failure = wrapped(new SSLHandshakeException(MISNAMED));
		assertThat(UpstreamFailures.isTlsFailure(failure)).isTrue();
		assertThat(UpstreamFailures.isConnectFailure(failure)).isFalse();
		assertThat(UpstreamFailures.tlsFailureMessage(failure)).isEqualTo(MISNAMED);
		assertThat(UpstreamFailures.isTlsFailure(wrapped(new ConnectException("Connection refused")))).isFalse();
	}

	@Test
	void isABadGatewayWithTheReasonTlsHandshakeAfterOneAttempt() {
		EdgeDownstreamProperties.Service properties = new EdgeDownstreamProperties.Service();
		Downstream downstream = new Downstream("user-service", properties, null, null, null, null,
				new SimpleMeterRegistry());
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(DownstreamException.class)
			.isThrownBy(
					() -> downstream.execute(new FailingCall(attempts, wrapped(new SSLHandshakeException(MISNAMED))))
						.block())
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(502);
				assertThat(ex.reason()).isEqualTo("tls-handshake");
				assertThat(ex.getBody().getType()).hasToString("https://bff-suite.dev/problems/bad-gateway");
				assertThat(ex.getBody().getProperties()).containsEntry("downstream", "user-service");
				assertThat(ex.getBody().getDetail()).doesNotContain("127.0.0.1");
			});
		assertThat(attempts).as("a certificate that does not fit is not retried").hasValue(1);
	}

	private static Throwable wrapped(Exception cause) {
		return new WebClientRequestException(new DecoderException(cause), HttpMethod.GET,
				URI.create("https://127.0.0.1:1/users/me"), new HttpHeaders());
	}

	private record FailingCall(AtomicInteger attempts, Throwable failure) implements DownstreamCall<Integer> {

		@Override
		public String method() {
			return "GET";
		}

		@Override
		public boolean idempotent() {
			return true;
		}

		@Override
		public Mono<Integer> attempt(@Nullable ServiceInstance instance, int attempt) {
			return Mono.defer(() -> {
				this.attempts.incrementAndGet();
				return Mono.error(this.failure);
			});
		}

		@Override
		public int status(Integer result) {
			return result;
		}

		@Override
		public Mono<Void> discard(Integer result) {
			return Mono.empty();
		}

	}

}
