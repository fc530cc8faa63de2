package io.github.bffsuite.edge.downstream;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bffsuite.edge.web.Failures;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A named downstream service with its resilience policies, applied the same way to
 * {@code WebClient} calls and to gateway routes: bulkhead, load balancing with passive
 * ejection, circuit breaker, response timeout, and retries of idempotent calls with
 * exponential backoff, jitter and a retry budget. Failures come out as
 * {@link DownstreamException}s.
 */
public final class Downstream {

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);

	private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD,
			HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

	private final String name;

	private final EdgeDownstreamProperties.Service properties;

	private final @Nullable CircuitBreaker circuitBreaker;

	private final @Nullable Bulkhead bulkhead;

	private final RetryBudget budget;

	private final @Nullable StaticInstanceListSupplier instances;

	private final @Nullable ReactorServiceInstanceLoadBalancer loadBalancer;

	private final MeterRegistry meters;

	Downstream(String name, EdgeDownstreamProperties.Service properties, @Nullable CircuitBreaker circuitBreaker,
			@Nullable Bulkhead bulkhead, @Nullable StaticInstanceListSupplier instances,
			@Nullable ReactorServiceInstanceLoadBalancer loadBalancer, MeterRegistry meters) {
		this.name = name;
		this.properties = properties;
		this.circuitBreaker = circuitBreaker;
		this.bulkhead = bulkhead;
		this.budget = new RetryBudget(properties.getRetry().getBudget().getRatio(),
				properties.getRetry().getBudget().getBurst());
		this.instances = instances;
		this.loadBalancer = loadBalancer;
		this.meters = meters;
	}

	/**
	 * Whether a request may be sent twice with the same effect: a safe or idempotent
	 * method, or a POST with an {@code Idempotency-Key}.
	 * @param method the method
	 * @param headers the request headers
	 * @return whether it is idempotent
	 */
	public static boolean isIdempotent(HttpMethod method, HttpHeaders headers) {
		return IDEMPOTENT_METHODS.contains(method)
				|| (HttpMethod.POST.equals(method) && headers.containsHeader("Idempotency-Key"));
	}

	/**
	 * Return a URL with its scheme, host and port replaced by those of an instance.
	 * @param instance the instance
	 * @param url the URL, such as {@code lb://user-service/users/u-001}
	 * @return the URL for the instance
	 */
	public static URI reconstruct(ServiceInstance instance, URI url) {
		return UriComponentsBuilder.fromUri(url)
			.scheme(instance.isSecure() ? "https" : "http")
			.host(instance.getHost())
			.port(instance.getPort())
			.build(true)
			.toUri();
	}

	/**
	 * Return the name of the downstream.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the circuit breaker, if enabled.
	 * @return the circuit breaker or {@code null}
	 */
	public @Nullable CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Return the retry budget.
	 * @return the budget
	 */
	public RetryBudget retryBudget() {
		return this.budget;
	}

	/**
	 * Run a call under the downstream's policies.
	 * @param <T> the result type
	 * @param call the call
	 * @return the result of the successful attempt, or a {@link DownstreamException}
	 */
	public <T> Mono<T> execute(DownstreamCall<T> call) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			this.budget.deposit();
			Mono<T> result;
			Bulkhead bulkhead = this.bulkhead;
			if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
				result = Mono.error(DownstreamException.busy(this.name, null));
			}
			else {
				result = attempt(call, 1).onErrorMap(this::toDownstreamException);
				if (bulkhead != null) {
					result = result.doFinally((signal) -> bulkhead.onComplete());
				}
			}
			return result.doOnSuccess((value) -> record(call, start, (value != null) ? call.status(value) : 200, null))
				.doOnError((ex) -> record(call, start, 0, ex))
				.doOnCancel(() -> record(call, start, -1, null));
		});
	}

	private <T> Mono<T> attempt(DownstreamCall<T> call, int attempt) {
		Mono<T> once;
		ReactorServiceInstanceLoadBalancer loadBalancer = this.loadBalancer;
		if (loadBalancer != null) {
			once = Mono.from(loadBalancer.choose()).flatMap((response) -> guarded(call, server(response), attempt));
		}
		else {
			once = guarded(call, null, attempt);
		}
		return once.onErrorResume((ex) -> retryOrFail(call, attempt, ex));
	}

	private ServiceInstance server(Response<ServiceInstance> response) {
		if (!response.hasServer()) {
			throw DownstreamException.unreachable(this.name, new ConnectException("No instance available"));
		}
		return response.getServer();
	}

	private <T> Mono<T> guarded(DownstreamCall<T> call, @Nullable ServiceInstance instance, int attempt) {
		return Mono.defer(() -> {
			CircuitBreaker breaker = this.circuitBreaker;
			if (breaker != null && !breaker.tryAcquirePermission()) {
				return Mono.error(DownstreamException.circuitOpen(this.name,
						this.properties.getCircuitBreaker().getWaitDurationInOpenState()));
			}
			long start = System.nanoTime();
			AtomicBoolean recorded = new AtomicBoolean();
			Mono<T> once = call.attempt(instance, attempt);
			return (call.streaming() ? once : once.timeout(this.properties.getResponseTimeout()))
				.doOnSuccess((value) -> {
					if (breaker != null && recorded.compareAndSet(false, true)) {
						int status = (value != null) ? call.status(value) : 200;
						// A stream lasts as long as it is watched: its length is not a
						// latency
						long elapsed = call.streaming() ? 0 : System.nanoTime() - start;
						if (status >= 500) {
							breaker.onError(elapsed, TimeUnit.NANOSECONDS, new StatusFailure(status));
						}
						else {
							breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
						}
					}
				})
				.doOnError((ex) -> {
					if (instance != null && this.instances != null && isConnectFailure(ex)) {
						this.instances.eject(instance);
					}
					if (breaker != null && recorded.compareAndSet(false, true)) {
						if (isLocalSaturation(ex)) {
							breaker.releasePermission();
						}
						else {
							breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
						}
					}
				})
				.doOnCancel(() -> {
					if (breaker != null && recorded.compareAndSet(false, true)) {
						breaker.releasePermission();
					}
				})
				.flatMap((value) -> {
					int status = call.status(value);
					if (RETRYABLE_STATUSES.contains(status)) {
						return call.discard(value).then(Mono.error(new StatusFailure(status)));
					}
					return Mono.just(value);
				});
		});
	}

	private <T> Mono<T> retryOrFail(DownstreamCall<T> call, int attempt, Throwable ex) {
		EdgeDownstreamProperties.Retry retry = this.properties.getRetry();
		boolean retryable = ex instanceof StatusFailure || isConnectFailure(ex);
		if (!retryable || !retry.isEnabled() || !call.idempotent() || attempt >= retry.getMaxAttempts()) {
			return Mono.error(ex);
		}
		if (!this.budget.tryWithdraw()) {
			this.meters.counter("edge.downstream.retries", "downstream", this.name, "result", "budget_exhausted")
				.increment();
			return Mono.error(ex);
		}
		this.meters.counter("edge.downstream.retries", "downstream", this.name, "result", "retried").increment();
		return Mono.delay(backoff(retry, attempt)).then(attempt(call, attempt + 1));
	}

	static Duration backoff(EdgeDownstreamProperties.Retry retry, int attempt) {
		double base = Math.min(retry.getInitialBackoff().toMillis() * Math.pow(retry.getMultiplier(), attempt - 1),
				retry.getMaxBackoff().toMillis());
		double spread = base * Math.max(0, Math.min(1, retry.getJitter()));
		double jittered = base - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
		return Duration.ofMillis(Math.max(0, Math.round(jittered)));
	}

	private Throwable toDownstreamException(Throwable ex) {
		if (ex instanceof DownstreamException) {
			return ex;
		}
		if (ex instanceof StatusFailure failure) {
			return DownstreamException.status(this.name, failure.status);
		}
		if (Failures.isTimeout(ex)) {
			return DownstreamException.timeout(this.name, this.properties.getResponseTimeout(), ex);
		}
		if (isLocalSaturation(ex)) {
			return DownstreamException.busy(this.name, ex);
		}
		if (isConnectFailure(ex)) {
			return DownstreamException.unreachable(this.name, ex);
		}
		return ex;
	}

	private void record(DownstreamCall<?> call, long start, int status, @Nullable Throwable ex) {
		String outcome;
		String statusTag;
		if (ex instanceof DownstreamException failure) {
			outcome = failure.reason().startsWith("status-") ? "server_error" : failure.reason().replace('-', '_');
			statusTag = String.valueOf(failure.getStatusCode().value());
		}
		else if (ex != null) {
			outcome = "error";
			statusTag = "500";
		}
		else if (status == -1) {
			outcome = "cancelled";
			statusTag = "0";
		}
		else {
			outcome = (status >= 500) ? "server_error" : (status >= 400) ? "client_error" : "success";
			statusTag = String.valueOf(status);
		}
		Timer.builder("edge.downstream.requests")
			.description("Calls to downstream services, retries included")
			.tag("downstream", this.name)
			.tag("method", call.method().toUpperCase(Locale.ROOT))
			.tag("status", statusTag)
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meters)
			.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
	}

	static boolean isConnectFailure(Throwable ex) {
		return Failures.isConnectFailure(ex);
	}

	private static boolean isLocalSaturation(Throwable ex) {
		return Failures.inChain(ex, (cause) -> cause.getClass().getName().contains("PoolAcquire"));
	}

	/**
	 * A 5xx answer, recorded as a circuit breaker failure and, for 502, 503 and 504,
	 * retried.
	 */
	static final class StatusFailure extends RuntimeException {

		private final int status;

		StatusFailure(int status) {
			super("Downstream answered " + status, null, false, false);
			this.status = status;
		}

	}

}
