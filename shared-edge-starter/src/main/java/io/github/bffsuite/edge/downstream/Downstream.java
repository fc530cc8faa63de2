package io.github.bffsuite.edge.downstream;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.bffsuite.edge.support.UpstreamFailures;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

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

	private static final Log logger = LogFactory.getLog(Downstream.class);

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);

	private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD,
			HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

	private final String name;

	private final EdgeDownstreamProperties.Service properties;

	private final @Nullable CircuitBreaker circuitBreaker;

	private final @Nullable BulkheadOperator<?> bulkheadOperator;

	private final @Nullable CircuitBreakerOperator<?> breakerOperator;

	private final @Nullable CircuitBreakerOperator<?> streamBreakerOperator;

	private final RetryBudget budget;

	private final @Nullable StaticInstanceListSupplier instances;

	private final @Nullable ReactorServiceInstanceLoadBalancer loadBalancer;

	private final MeterRegistry meters;

	private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	Downstream(String name, EdgeDownstreamProperties.Service properties, @Nullable CircuitBreaker circuitBreaker,
			@Nullable Bulkhead bulkhead, @Nullable StaticInstanceListSupplier instances,
			@Nullable ReactorServiceInstanceLoadBalancer loadBalancer, MeterRegistry meters) {
		this.name = name;
		this.properties = properties;
		this.circuitBreaker = circuitBreaker;
		this.bulkheadOperator = (bulkhead != null) ? BulkheadOperator.of(bulkhead) : null;
		this.breakerOperator = (circuitBreaker != null) ? CircuitBreakerOperator.of(circuitBreaker) : null;
		// streams see the breaker through a view whose clock stands still
		this.streamBreakerOperator = (circuitBreaker != null) ? CircuitBreakerOperator.of(unmeasured(circuitBreaker))
				: null;
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
	 * Return how long one attempt may wait for its response (streaming calls excepted).
	 * @return the response timeout
	 */
	public Duration responseTimeout() {
		return this.properties.getResponseTimeout();
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
			AtomicInteger attempts = new AtomicInteger();
			Mono<T> attempt = Mono.defer(() -> attempt(call, attempts.incrementAndGet()));
			Mono<T> result = attempt;
			if (retries(call)) {
				// Reactor's retryWhen (its companion, sink and backoff spec) is set up
				// only once an attempt failed, rather than for every call
				result = attempt.onErrorResume((first) -> retried(attempt, first, retry(call)));
			}
			if (this.bulkheadOperator != null) {
				// the bulkhead takes its permit on subscription, not on assembly
				result = result.transform(operator(this.bulkheadOperator));
			}
			return result.onErrorResume((ex) -> {
				Throwable failure = toDownstreamException(ex);
				record(call, start, 0, failure);
				return Mono.error(failure);
			})
				.doOnSuccess((value) -> record(call, start, (value != null) ? call.status(value) : 200, null))
				.doOnCancel(() -> record(call, start, -1, null))
				// an attempt's result that an operator drops after a cancel (the caller
				// gave
				// up, a retry or breaker race) still holds a connection
				.doOnDiscard(Result.class, (dropped) -> discardResult(call, dropped));
		});
	}

	/**
	 * The retries after a failed first attempt, under Reactor's {@code retryWhen}: the
	 * retry operator sees that first failure again, as if it had been there from the
	 * start, so backoff, filter, budget and attempt limit behave exactly as before.
	 */
	private static <T> Mono<T> retried(Mono<T> attempt, Throwable first, RetryBackoffSpec retry) {
		AtomicBoolean replayed = new AtomicBoolean();
		return Mono.defer(() -> replayed.compareAndSet(false, true) ? Mono.<T>error(first) : attempt).retryWhen(retry);
	}

	@SuppressWarnings("unchecked")
	private static <T> Function<Publisher<T>, Publisher<T>> operator(Function<?, ?> operator) {
		return (Function<Publisher<T>, Publisher<T>>) operator;
	}

	@SuppressWarnings("unchecked")
	private static <T> void discardResult(DownstreamCall<T> call, Result<?> dropped) {
		call.discard((T) dropped.value()).onErrorComplete().subscribe();
	}

	private <T> Mono<T> attempt(DownstreamCall<T> call, int attempt) {
		ReactorServiceInstanceLoadBalancer loadBalancer = this.loadBalancer;
		if (loadBalancer != null) {
			return Mono.from(loadBalancer.choose()).flatMap((response) -> guarded(call, server(response), attempt));
		}
		return guarded(call, null, attempt);
	}

	private ServiceInstance server(Response<ServiceInstance> response) {
		if (!response.hasServer()) {
			throw DownstreamException.unreachable(this.name, new ConnectException("No instance available"));
		}
		return response.getServer();
	}

	private <T> Mono<T> guarded(DownstreamCall<T> call, @Nullable ServiceInstance instance, int attempt) {
		Mono<Result<T>> once = call.attempt(instance, attempt).map((value) -> new Result<>(value, call.status(value)));
		if (!call.streaming()) {
			once = DiscardingTimeout.apply(once, this.properties.getResponseTimeout(),
					(result) -> call.discard(result.value()));
		}
		if (instance != null && this.instances != null) {
			StaticInstanceListSupplier instances = this.instances;
			once = once.doOnError(UpstreamFailures::isConnectFailure, (ex) -> instances.eject(instance));
		}
		CircuitBreakerOperator<?> breaker = call.streaming() ? this.streamBreakerOperator : this.breakerOperator;
		if (breaker != null) {
			// the breaker asks for a permit on subscription, not on assembly
			once = once.transform(operator(breaker));
		}
		return once.flatMap((result) -> {
			if (RETRYABLE_STATUSES.contains(result.status())) {
				return call.discard(result.value()).then(Mono.error(new StatusFailure(result.status())));
			}
			return Mono.just(result.value());
		});
	}

	private boolean retries(DownstreamCall<?> call) {
		EdgeDownstreamProperties.Retry retry = this.properties.getRetry();
		return retry.isEnabled() && retry.getMaxAttempts() > 1 && call.idempotent();
	}

	private RetryBackoffSpec retry(DownstreamCall<?> call) {
		EdgeDownstreamProperties.Retry retry = this.properties.getRetry();
		// a failed TLS handshake (a certificate that does not fit) fails again
		return backoff(retry)
			.filter((ex) -> ex instanceof StatusFailure
					|| (UpstreamFailures.isConnectFailure(ex) && !UpstreamFailures.isTlsFailure(ex)))
			// after the attempt limit, so that a token is only taken for a retry that
			// happens
			.doBeforeRetryAsync((signal) -> {
				if (!this.budget.tryWithdraw()) {
					this.meters
						.counter("edge.downstream.retries", "downstream", this.name, "result", "budget_exhausted")
						.increment();
					return Mono.error(signal.failure());
				}
				this.meters.counter("edge.downstream.retries", "downstream", this.name, "result", "retried")
					.increment();
				return Mono.empty();
			})
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	static RetryBackoffSpec backoff(EdgeDownstreamProperties.Retry retry) {
		return Retry.backoff(retry.getMaxAttempts() - 1, retry.getInitialBackoff())
			.multiplier(retry.getMultiplier())
			.maxBackoff(retry.getMaxBackoff())
			.jitter(Math.max(0, Math.min(1, retry.getJitter())));
	}

	private Throwable toDownstreamException(Throwable ex) {
		if (ex instanceof DownstreamException) {
			return ex;
		}
		if (ex instanceof StatusFailure failure) {
			return DownstreamException.status(this.name, failure.status);
		}
		if (ex instanceof CallNotPermittedException) {
			return DownstreamException.circuitOpen(this.name,
					this.properties.getCircuitBreaker().getWaitDurationInOpenState());
		}
		if (ex instanceof BulkheadFullException || UpstreamFailures.isPoolExhausted(ex)) {
			return DownstreamException.busy(this.name, ex);
		}
		if (UpstreamFailures.isTimeout(ex)) {
			return DownstreamException.timeout(this.name, this.properties.getResponseTimeout(), ex);
		}
		if (UpstreamFailures.isTlsFailure(ex)) {
			// the client sees a plain 502; what went wrong with whose certificate is
			// for the operator only
			logger.warn("TLS with downstream '" + this.name + "' failed: " + UpstreamFailures.tlsFailureMessage(ex));
			return DownstreamException.tlsHandshake(this.name, ex);
		}
		if (UpstreamFailures.isConnectFailure(ex)) {
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
		// one timer per method, status and outcome, built once: a builder and the
		// registry's look-up per call cost more than the recording
		this.timers
			.computeIfAbsent(new TimerKey(call.method().toUpperCase(Locale.ROOT), statusTag, outcome),
					(key) -> Timer.builder("edge.downstream.requests")
						.description("Calls to downstream services, retries included")
						.tag("downstream", this.name)
						.tag("method", key.method())
						.tag("status", key.status())
						.tag("outcome", key.outcome())
						.publishPercentileHistogram()
						.register(this.meters))
			.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
	}

	private record TimerKey(String method, String status, String outcome) {

	}

	/**
	 * Return a view of a circuit breaker whose clock stands still, for streams: a stream
	 * lasts as long as it is watched, so its length is no latency and must never count as
	 * a slow call. Everything else (permissions, outcomes, state) is the breaker's own.
	 */
	private static CircuitBreaker unmeasured(CircuitBreaker breaker) {
		return (CircuitBreaker) Proxy.newProxyInstance(CircuitBreaker.class.getClassLoader(),
				new Class<?>[] { CircuitBreaker.class }, (proxy, method, args) -> {
					if (method.getName().equals("getCurrentTimestamp")) {
						return 0L;
					}
					try {
						return method.invoke(breaker, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/**
	 * Whether a failure of one attempt counts against a downstream's circuit: pool
	 * exhaustion is this instance's saturation, not the service's failure.
	 * @param ex the failure
	 * @return whether it is recorded
	 */
	static boolean isServiceFailure(Throwable ex) {
		return !UpstreamFailures.isPoolExhausted(ex);
	}

	/**
	 * Whether an attempt's result counts against a downstream's circuit: a 5xx answer.
	 * @param result the result
	 * @return whether it is a failure
	 */
	static boolean isFailedResult(Object result) {
		return result instanceof Result<?> attempt && attempt.status() >= 500;
	}

	/**
	 * The result of one attempt with its status, as the circuit breaker sees it.
	 *
	 * @param <T> the result type
	 * @param value the result
	 * @param status its HTTP status
	 */
	record Result<T>(T value, int status) {

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
