package io.github.bffsuite.edge.graphql;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.introspection.Introspection;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.GraphQLSchema;
import io.github.bffsuite.edge.graphql.EdgeGraphQlProperties.Limit;
import io.github.bffsuite.edge.graphql.EdgeGraphQlProperties.Mode;
import io.github.bffsuite.edge.graphql.persisted.PersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.TrustedDocuments;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimiter;
import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * The guardrails, run before each operation over HTTP, SSE or WebSocket: resolves
 * persisted and trusted documents, checks the document size, parses it with the parser
 * limits, measures it ({@link DocumentAnalyzer}) against the limits, charges its cost to
 * the caller's rate limit bucket, and answers any refusal as a GraphQL error with a
 * stable {@code extensions.code}. Every response gets {@code extensions.cost} and the
 * cost header; errors without a code get one from {@link EdgeGraphQlErrorsInterceptor}.
 */
public class EdgeGraphQlInterceptor implements WebGraphQlInterceptor, Ordered {

	/**
	 * Request attribute that holds the HTTP exchange, set by the HTTP and SSE handlers;
	 * for graphql-ws, the session attribute that holds the handshake's exchange.
	 */
	public static final String EXCHANGE_ATTRIBUTE = EdgeGraphQlInterceptor.class.getName() + ".exchange";

	/** Request attribute set when the operation came with HTTP GET. */
	public static final String GET_ATTRIBUTE = EdgeGraphQlInterceptor.class.getName() + ".get";

	/** Order of this interceptor: first, so others see the resolved document. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Log logger = LogFactory.getLog(EdgeGraphQlInterceptor.class);

	private static final long DOCUMENT_CACHE_CHARACTERS = 16 * 1024 * 1024;

	private final EdgeGraphQlProperties properties;

	private final DocumentAnalyzer analyzer;

	private final Supplier<GraphQLSchema> schema;

	private final TrustedDocuments trusted;

	private final @Nullable PersistedQueryStore persistedQueries;

	private final @Nullable EdgeRateLimiter limiter;

	private final GraphQlGuardrailMetrics metrics;

	private final boolean introspection;

	private final ParserOptions parserOptions;

	private @Nullable GraphQlWebSocketCharges webSocketCharges;

	private final Cache<String, Document> documents = Caffeine.newBuilder()
		.maximumWeight(DOCUMENT_CACHE_CHARACTERS)
		.<String, Document>weigher((text, document) -> text.length())
		.build();

	/**
	 * Create the interceptor.
	 * @param properties the guardrail settings
	 * @param analyzer the document analyzer
	 * @param schema supplies the schema
	 * @param trusted the trusted documents
	 * @param persistedQueries the persisted query store, {@code null} when disabled
	 * @param limiter the rate limiter to charge the cost to, {@code null} for none
	 * @param metrics the metrics
	 * @param introspection whether introspection is enabled
	 */
	public EdgeGraphQlInterceptor(EdgeGraphQlProperties properties, DocumentAnalyzer analyzer,
			Supplier<GraphQLSchema> schema, TrustedDocuments trusted, @Nullable PersistedQueryStore persistedQueries,
			@Nullable EdgeRateLimiter limiter, GraphQlGuardrailMetrics metrics, boolean introspection) {
		this.properties = properties;
		this.analyzer = analyzer;
		this.schema = schema;
		this.trusted = trusted;
		this.persistedQueries = persistedQueries;
		this.limiter = limiter;
		this.metrics = metrics;
		this.introspection = introspection;
		EdgeGraphQlProperties.Parser parser = properties.getParser();
		this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
			.transform((options) -> options.maxTokens(parser.getMaxTokens())
				.maxWhitespaceTokens(parser.getMaxWhitespaceTokens())
				.maxRuleDepth(parser.getMaxRecursion()));
	}

	/**
	 * Charge operations sent over graphql-ws to the caller's rate limit policies and cost
	 * budget, as HTTP ones are.
	 * @param charges what to charge, {@code null} to charge nothing
	 */
	public void setWebSocketCharges(@Nullable GraphQlWebSocketCharges charges) {
		this.webSocketCharges = charges;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Map<String, Object> attributes = (request instanceof WebSocketGraphQlRequest webSocketRequest)
				? webSocketRequest.getSessionInfo().getAttributes() : request.getAttributes();
		ServerWebExchange exchange = (attributes.get(EXCHANGE_ATTRIBUTE) instanceof ServerWebExchange candidate)
				? candidate : null;
		boolean overGet = Boolean.TRUE.equals(request.getAttributes().get(GET_ATTRIBUTE));
		GraphQlWebSocketCharges webSocket = (request instanceof WebSocketGraphQlRequest) ? this.webSocketCharges : null;
		return chargeOperation(webSocket, exchange).then(resolve(request))
			.map((resolved) -> check(request, resolved, overGet))
			.flatMap((checked) -> charge(webSocket, exchange, checked))
			.flatMap((checked) -> register(checked))
			.flatMap((checked) -> proceed(request, checked, chain))
			.onErrorResume(GraphQlRejectedException.class, (ex) -> Mono.just(reject(request, ex)));
	}

	private Mono<Resolved> resolve(WebGraphQlRequest request) {
		String hash = persistedQueryHash(request.getExtensions());
		String text = request.getDocument();
		boolean hashOnly = PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(text);
		boolean required = this.properties.getTrustedDocuments().isRequired();
		if (hash == null) {
			String trustedText = this.trusted.isEmpty() ? null : this.trusted.get(TrustedDocuments.sha256(text));
			if (required && trustedText == null) {
				return Mono.error(new GraphQlRejectedException(GraphQlRejection.DOCUMENT_NOT_TRUSTED,
						"Only trusted documents may run; send the SHA-256 hash of a registered document"));
			}
			return Mono.just(new Resolved(text, trustedText != null, null));
		}
		String trustedText = this.trusted.get(hash);
		if (trustedText != null) {
			if (!hashOnly && !hash.equals(TrustedDocuments.sha256(text))) {
				return Mono.error(mismatch());
			}
			return Mono.just(new Resolved(trustedText, true, null));
		}
		if (required) {
			return Mono.error(new GraphQlRejectedException(GraphQlRejection.DOCUMENT_NOT_TRUSTED,
					"No trusted document has this hash; only trusted documents may run"));
		}
		PersistedQueryStore store = this.persistedQueries;
		if (store == null) {
			return Mono.error(new GraphQlRejectedException(GraphQlRejection.PERSISTED_QUERY_NOT_SUPPORTED,
					"Persisted queries are not supported"));
		}
		if (hashOnly) {
			return store.get(hash)
				.map((stored) -> new Resolved(stored, false, null))
				.switchIfEmpty(Mono.error(() -> new GraphQlRejectedException(GraphQlRejection.PERSISTED_QUERY_NOT_FOUND,
						"PersistedQueryNotFound: send the document with its hash to register it")));
		}
		if (!hash.equals(TrustedDocuments.sha256(text))) {
			return Mono.error(mismatch());
		}
		return Mono.just(new Resolved(text, false, hash));
	}

	private static GraphQlRejectedException mismatch() {
		return new GraphQlRejectedException(GraphQlRejection.PERSISTED_QUERY_HASH_MISMATCH,
				"The document's SHA-256 hash does not match extensions.persistedQuery.sha256Hash");
	}

	/**
	 * Return the lower-case {@code extensions.persistedQuery.sha256Hash} of a request.
	 * @param extensions the request extensions
	 * @return the hash, {@code null} when there is none
	 */
	static @Nullable String persistedQueryHash(Map<String, Object> extensions) {
		if (extensions.get("persistedQuery") instanceof Map<?, ?> persisted
				&& persisted.get("sha256Hash") instanceof String hash && !hash.isEmpty()) {
			return hash.toLowerCase(Locale.ROOT);
		}
		return null;
	}

	private Checked check(WebGraphQlRequest request, Resolved resolved, boolean overGet) {
		EdgeGraphQlProperties.Limits limits = this.properties.getLimits();
		boolean limited = !(resolved.trusted() && limits.isSkipTrustedDocuments());
		long maxBytes = limits.getDocumentSize().getMax().toBytes();
		// a UTF-16 char is at most 3 UTF-8 bytes: count the bytes only when that could
		// matter
		long bytes = (resolved.text().length() * 3L > maxBytes)
				? resolved.text().getBytes(StandardCharsets.UTF_8).length : resolved.text().length();
		if (limited && bytes > maxBytes) {
			exceeded(GraphQlRejection.DOCUMENT_TOO_LARGE, limits.getDocumentSize().getMode(),
					"The document has " + bytes + " bytes, more than the " + maxBytes + " allowed", bytes, maxBytes);
		}
		Document document = parse(resolved.text());
		if (document == null) {
			// a syntax error: graphql-java reports it with its location
			return new Checked(resolved, null);
		}
		DocumentAnalysis analysis = this.analyzer.analyze(this.schema.get(), document, request.getOperationName(),
				request.getVariables());
		if (analysis.operation() == null) {
			throw new GraphQlRejectedException(GraphQlRejection.GRAPHQL_VALIDATION_FAILED,
					noOperation(request.getOperationName()));
		}
		if (analysis.unusedFragment() != null) {
			throw new GraphQlRejectedException(GraphQlRejection.GRAPHQL_VALIDATION_FAILED,
					"Fragment '" + analysis.unusedFragment() + "' is never used");
		}
		if (overGet && analysis.operation() != null && analysis.operation() != OperationDefinition.Operation.QUERY) {
			throw new GraphQlRejectedException(GraphQlRejection.OPERATION_NOT_ALLOWED_OVER_GET,
					"Only queries may be sent with GET; send a " + analysis.operation().name().toLowerCase(Locale.ROOT)
							+ " with POST")
				.header(HttpHeaders.ALLOW, HttpMethod.POST.name());
		}
		if (analysis.cycle() != null) {
			throw new GraphQlRejectedException(GraphQlRejection.CIRCULAR_FRAGMENTS,
					"Fragment '" + analysis.cycle() + "' spreads itself");
		}
		if (analysis.introspection() && !this.introspection) {
			throw new GraphQlRejectedException(GraphQlRejection.INTROSPECTION_DISABLED, "Introspection is disabled");
		}
		if (analysis.fields() > DocumentAnalyzer.MAX_VISITS) {
			throw new GraphQlRejectedException(GraphQlRejection.MAX_FIELDS_EXCEEDED,
					"The operation expands to more than " + DocumentAnalyzer.MAX_VISITS + " fields");
		}
		if (limited) {
			limit(GraphQlRejection.MAX_DEPTH_EXCEEDED, limits.getDepth(), analysis.depth(), "fields nested");
			limit(GraphQlRejection.MAX_ALIASES_EXCEEDED, limits.getAliases(), analysis.aliases(), "aliases");
			limit(GraphQlRejection.MAX_ROOT_FIELDS_EXCEEDED, limits.getRootFields(), analysis.rootFields(),
					"root fields");
			limit(GraphQlRejection.MAX_DIRECTIVES_EXCEEDED, limits.getDirectives(), analysis.directives(),
					"directives");
			limit(GraphQlRejection.MAX_FIELDS_EXCEEDED, limits.getFields(), analysis.fields(),
					"fields (fragments expanded, duplicates included)");
			limit(GraphQlRejection.COST_LIMIT_EXCEEDED, limits.getCost(), analysis.cost(), "cost units");
			limit(GraphQlRejection.MAX_FRAGMENTS_EXCEEDED, limits.getFragments(), analysis.fragments(),
					"fragment definitions");
			limit(GraphQlRejection.MAX_FRAGMENT_DEPTH_EXCEEDED, limits.getFragmentDepth(), analysis.fragmentDepth(),
					"fragment spreads nested in one another");
			limit(GraphQlRejection.MAX_UNUSED_DEFINITIONS_EXCEEDED, limits.getUnusedDefinitions(),
					analysis.unusedDefinitions(), "definitions that the operation does not use");
		}
		this.metrics.cost(analysis.cost());
		return new Checked(resolved, analysis);
	}

	private static String noOperation(@Nullable String operationName) {
		return (operationName != null) ? "The document has no operation named '" + operationName + "'"
				: "The document must have exactly one operation, or name the one to run in operationName";
	}

	private void limit(GraphQlRejection rejection, Limit limit, long value, String what) {
		if (value > limit.getMax()) {
			String message = (rejection == GraphQlRejection.MAX_DEPTH_EXCEEDED)
					? "The operation nests fields " + value + " deep, more than the " + limit.getMax() + " allowed"
					: "The operation has " + value + " " + what + ", more than the " + limit.getMax() + " allowed";
			exceeded(rejection, limit.getMode(), message, value, limit.getMax());
		}
	}

	private void exceeded(GraphQlRejection rejection, Mode mode, String message, long value, long max) {
		if (mode == Mode.MEASURE) {
			this.metrics.measured(rejection);
			if (logger.isInfoEnabled()) {
				logger.info("GraphQL limit exceeded in measure mode (" + rejection + "): " + message);
			}
			return;
		}
		throw new GraphQlRejectedException(rejection, message).extension("value", value).extension("limit", max);
	}

	private @Nullable Document parse(String text) {
		Document cached = this.documents.getIfPresent(text);
		if (cached != null) {
			return cached;
		}
		try {
			Document document = Parser.parse(
					ParserEnvironment.newParserEnvironment().document(text).parserOptions(this.parserOptions).build());
			this.documents.put(text, document);
			return document;
		}
		catch (ParseCancelledTooDeepException ex) {
			throw new GraphQlRejectedException(GraphQlRejection.MAX_RECURSION_EXCEEDED, ex.getMessage());
		}
		catch (ParseCancelledTooManyCharsException ex) {
			throw new GraphQlRejectedException(GraphQlRejection.DOCUMENT_TOO_LARGE, ex.getMessage());
		}
		catch (ParseCancelledException ex) {
			throw new GraphQlRejectedException(GraphQlRejection.MAX_TOKENS_EXCEEDED, ex.getMessage());
		}
		catch (InvalidSyntaxException ex) {
			return null;
		}
	}

	/**
	 * Charge an operation sent over graphql-ws to the policies an HTTP one takes in the
	 * rate limit web filter.
	 */
	private Mono<Void> chargeOperation(@Nullable GraphQlWebSocketCharges webSocket,
			@Nullable ServerWebExchange handshake) {
		if (webSocket == null || handshake == null || webSocket.policies().isEmpty()) {
			return Mono.empty();
		}
		return webSocket.operation(handshake).map((decision) -> {
			if (decision.allowed()) {
				return decision;
			}
			throw denied(String.join(", ", webSocket.policies()), 1, decision);
		})
			.switchIfEmpty(Mono.error(() -> new GraphQlRejectedException(GraphQlRejection.RATE_LIMIT_KEY_MISSING,
					"The caller cannot be identified as the rate limit policies of " + webSocket.route() + " require")))
			.then();
	}

	private Mono<Checked> charge(@Nullable GraphQlWebSocketCharges webSocket, @Nullable ServerWebExchange exchange,
			Checked checked) {
		EdgeRateLimiter limiter = this.limiter;
		DocumentAnalysis analysis = checked.analysis();
		if (limiter == null || exchange == null || analysis == null || analysis.cost() < 1) {
			return Mono.just(checked);
		}
		String policy = this.properties.getCost().getPolicy();
		String path = exchange.getRequest().getPath().value();
		Mono<RateLimitDecision> charged = (webSocket != null) ? webSocket.cost(exchange, policy, analysis.cost(), path)
				: limiter.consume(exchange, policy, analysis.cost(), path);
		return charged.map((decision) -> {
			if (decision.allowed()) {
				return checked;
			}
			throw denied(policy, analysis.cost(), decision);
		})
			.switchIfEmpty(Mono.error(() -> new GraphQlRejectedException(GraphQlRejection.RATE_LIMIT_KEY_MISSING,
					"The caller cannot be identified as rate limit policy '" + policy + "' requires")));
	}

	private GraphQlRejectedException denied(String policy, long cost, RateLimitDecision decision) {
		if (decision.origin() == RateLimitDecision.Origin.FAIL_CLOSED) {
			return new GraphQlRejectedException(GraphQlRejection.RATE_LIMITER_UNAVAILABLE,
					"Rate limiting is unavailable, so operations under policy '" + policy + "' are refused");
		}
		if (decision.retryAfterMillis() < 0) {
			return new GraphQlRejectedException(GraphQlRejection.RATE_LIMITED,
					"The operation costs " + cost + ", more than rate limit policy '" + policy + "' ever allows")
				.extension("cost", cost);
		}
		long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
		return new GraphQlRejectedException(GraphQlRejection.RATE_LIMITED,
				"The operation costs " + cost + " and the budget of rate limit policy '" + policy
						+ "' is spent; retry after " + seconds + " s")
			.extension("cost", cost)
			.extension("retryAfter", seconds)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

	private Mono<Checked> register(Checked checked) {
		String hash = checked.resolved().register();
		PersistedQueryStore store = this.persistedQueries;
		if (hash == null || store == null || checked.analysis() == null) {
			return Mono.just(checked);
		}
		return store.put(hash, checked.resolved().text()).thenReturn(checked);
	}

	private Mono<WebGraphQlResponse> proceed(WebGraphQlRequest request, Checked checked, Chain chain) {
		String text = checked.resolved().text();
		boolean replace = !text.equals(request.getDocument());
		Document executable = (checked.analysis() != null) ? checked.analysis().executable() : null;
		request.configureExecutionInput((input, builder) -> {
			if (replace) {
				builder.query(text);
			}
			builder.graphQLContext((context) -> {
				context.put(ParserOptions.class, this.parserOptions);
				if (executable != null) {
					context.put(EdgePreparsedDocumentProvider.DOCUMENT_KEY, executable);
				}
				if (!this.introspection) {
					context.put(Introspection.INTROSPECTION_DISABLED, true);
				}
			});
			return builder.build();
		});
		DocumentAnalysis analysis = checked.analysis();
		return chain.next(request).map((response) -> decorate(response, analysis));
	}

	private WebGraphQlResponse decorate(WebGraphQlResponse response, @Nullable DocumentAnalysis analysis) {
		if (analysis == null) {
			return response;
		}
		String header = this.properties.getCost().getHeader();
		if (!header.isEmpty()) {
			response.getResponseHeaders().set(header, Long.toString(analysis.cost()));
		}
		// a subscription's data is a stream: leave its result as it is
		if (analysis.operation() == OperationDefinition.Operation.SUBSCRIPTION) {
			return response;
		}
		return response.transform((builder) -> {
			Map<Object, Object> extensions = new LinkedHashMap<>(response.getExtensions());
			extensions.put("cost", analysis.cost());
			builder.extensions(extensions);
		});
	}

	private WebGraphQlResponse reject(WebGraphQlRequest request, GraphQlRejectedException ex) {
		this.metrics.rejected(ex.getRejection());
		if (logger.isDebugEnabled()) {
			logger.debug("GraphQL operation refused (" + ex.getRejection() + "): " + ex.getMessage());
		}
		ExecutionInput input = request.toExecutionInput();
		ExecutionResult result = ExecutionResult.newExecutionResult().addError(ex.toError()).build();
		WebGraphQlResponse response = new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(input, result));
		response.getResponseHeaders().addAll(ex.getHeaders());
		return response;
	}

	private record Resolved(String text, boolean trusted, @Nullable String register) {

	}

	private record Checked(Resolved resolved, @Nullable DocumentAnalysis analysis) {

	}

}
