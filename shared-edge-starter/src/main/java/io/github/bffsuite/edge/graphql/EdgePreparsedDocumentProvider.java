package io.github.bffsuite.edge.graphql;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Hands graphql-java the document the guardrails already parsed and measured, so it is
 * parsed once, and validates it off the event loop on a cache miss, so one costly
 * document cannot stall the requests that share its event loop thread. The document is
 * only the executed operation and the fragments it spreads
 * ({@link DocumentAnalysis#executable()}): graphql-java would validate every definition.
 * Validated documents (and their errors) are cached by text and operation name, so a
 * repeated operation is validated once. Operations that did not pass the guardrails (no
 * document in the context) are parsed and validated by graphql-java as usual.
 */
public class EdgePreparsedDocumentProvider implements PreparsedDocumentProvider {

	/** {@code GraphQLContext} key of the document to validate and execute. */
	public static final String DOCUMENT_KEY = EdgePreparsedDocumentProvider.class.getName() + ".document";

	private static final long CACHE_CHARACTERS = 16 * 1024 * 1024;

	private final Supplier<GraphQLSchema> schema;

	private final Scheduler scheduler;

	private final Cache<Key, PreparsedDocumentEntry> validated = Caffeine.newBuilder()
		.maximumWeight(CACHE_CHARACTERS)
		.<Key, PreparsedDocumentEntry>weigher((key, entry) -> key.text().length() + 64)
		.build();

	/**
	 * Create the provider.
	 * @param schema supplies the executed schema
	 * @param scheduler where documents are validated
	 */
	public EdgePreparsedDocumentProvider(Supplier<GraphQLSchema> schema, Scheduler scheduler) {
		this.schema = schema;
		this.scheduler = scheduler;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		Document document = input.getGraphQLContext().get(DOCUMENT_KEY);
		if (document == null) {
			return CompletableFuture.completedFuture(parseAndValidate.apply(input));
		}
		Key key = new Key(input.getQuery(), input.getOperationName());
		PreparsedDocumentEntry cached = this.validated.getIfPresent(key);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		Locale locale = input.getLocale();
		return Mono.fromCallable(() -> validate(document, locale))
			.subscribeOn(this.scheduler)
			.doOnNext((entry) -> this.validated.put(key, entry))
			.toFuture();
	}

	private PreparsedDocumentEntry validate(Document document, @Nullable Locale locale) {
		List<ValidationError> errors = ParseAndValidate.validate(this.schema.get(), document,
				(locale != null) ? locale : Locale.getDefault());
		return errors.isEmpty() ? new PreparsedDocumentEntry(document) : new PreparsedDocumentEntry(errors);
	}

	private record Key(String text, @Nullable String operationName) {

	}

}
