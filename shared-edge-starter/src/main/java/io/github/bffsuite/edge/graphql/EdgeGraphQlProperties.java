package io.github.bffsuite.edge.graphql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * GraphQL guardrails: limits checked before execution, static cost and its rate limit
 * policy, persisted queries, trusted documents and HTTP transport rules.
 */
@ConfigurationProperties("edge.graphql")
public class EdgeGraphQlProperties {

	/**
	 * Whether the GraphQL guardrails are enabled.
	 */
	private boolean enabled = true;

	private final Limits limits = new Limits();

	private final Parser parser = new Parser();

	private final Cost cost = new Cost();

	private final PersistedQueries persistedQueries = new PersistedQueries();

	private final TrustedDocuments trustedDocuments = new TrustedDocuments();

	private final Http http = new Http();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Parser getParser() {
		return this.parser;
	}

	public Cost getCost() {
		return this.cost;
	}

	public PersistedQueries getPersistedQueries() {
		return this.persistedQueries;
	}

	public TrustedDocuments getTrustedDocuments() {
		return this.trustedDocuments;
	}

	public Http getHttp() {
		return this.http;
	}

	/**
	 * What happens when a document goes over a limit.
	 */
	public enum Mode {

		/** Reject the document before it runs. */
		ENFORCE,

		/** Let the document run; only log and count that it went over. */
		MEASURE

	}

	/**
	 * Limits on the document of an operation, checked after parsing and before validation
	 * and execution.
	 */
	public static class Limits {

		/**
		 * Whether documents from the trusted document files skip the limits (their cost
		 * is still charged).
		 */
		private boolean skipTrustedDocuments = false;

		/**
		 * Largest document, in UTF-8 bytes.
		 */
		private final SizeLimit documentSize = new SizeLimit(DataSize.ofKilobytes(64));

		/**
		 * Deepest field nesting; root fields are at depth 1.
		 */
		private final Limit depth = new Limit(15);

		/**
		 * Most aliased fields.
		 */
		private final Limit aliases = new Limit(30);

		/**
		 * Most fields at the root of the operation.
		 */
		private final Limit rootFields = new Limit(20);

		/**
		 * Most directives anywhere in the operation.
		 */
		private final Limit directives = new Limit(50);

		/**
		 * Most fields in the operation with fragments expanded, duplicates included.
		 */
		private final Limit fields = new Limit(1000);

		/**
		 * Highest static cost of the operation.
		 */
		private final Limit cost = new Limit(10_000);

		/**
		 * Most fragment definitions in the whole document.
		 */
		private final Limit fragments = new Limit(100);

		/**
		 * Longest chain of fragment spreads inside one another.
		 */
		private final Limit fragmentDepth = new Limit(15);

		/**
		 * Most definitions the executed operation does not use (other operations and
		 * their fragments). They are never validated, but still parsed.
		 */
		private final Limit unusedDefinitions = new Limit(10);

		public boolean isSkipTrustedDocuments() {
			return this.skipTrustedDocuments;
		}

		public void setSkipTrustedDocuments(boolean skipTrustedDocuments) {
			this.skipTrustedDocuments = skipTrustedDocuments;
		}

		public SizeLimit getDocumentSize() {
			return this.documentSize;
		}

		public Limit getDepth() {
			return this.depth;
		}

		public Limit getAliases() {
			return this.aliases;
		}

		public Limit getRootFields() {
			return this.rootFields;
		}

		public Limit getDirectives() {
			return this.directives;
		}

		public Limit getFields() {
			return this.fields;
		}

		public Limit getCost() {
			return this.cost;
		}

		public Limit getFragments() {
			return this.fragments;
		}

		public Limit getFragmentDepth() {
			return this.fragmentDepth;
		}

		public Limit getUnusedDefinitions() {
			return this.unusedDefinitions;
		}

	}

	/**
	 * A counted limit.
	 */
	public static class Limit {

		/**
		 * Largest value allowed.
		 */
		private long max;

		/**
		 * Whether going over the limit rejects the operation or is only logged and
		 * counted.
		 */
		private Mode mode = Mode.ENFORCE;

		public Limit() {
		}

		Limit(long max) {
			this.max = max;
		}

		public long getMax() {
			return this.max;
		}

		public void setMax(long max) {
			this.max = max;
		}

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

	}

	/**
	 * A size limit.
	 */
	public static class SizeLimit {

		/**
		 * Largest size allowed.
		 */
		private DataSize max;

		/**
		 * Whether going over the limit rejects the operation or is only logged and
		 * counted.
		 */
		private Mode mode = Mode.ENFORCE;

		public SizeLimit() {
			this(DataSize.ofKilobytes(64));
		}

		SizeLimit(DataSize max) {
			this.max = max;
		}

		public DataSize getMax() {
			return this.max;
		}

		public void setMax(DataSize max) {
			this.max = max;
		}

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

	}

	/**
	 * Limits of graphql-java's parser ({@code ParserOptions}), always enforced: the
	 * parser stops as soon as one is reached.
	 */
	public static class Parser {

		/**
		 * Most grammar tokens in a document.
		 */
		private int maxTokens = 15_000;

		/**
		 * Most whitespace and comment tokens in a document.
		 */
		private int maxWhitespaceTokens = 200_000;

		/**
		 * Deepest recursion of grammar rules while parsing.
		 */
		private int maxRecursion = 500;

		public int getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(int maxTokens) {
			this.maxTokens = maxTokens;
		}

		public int getMaxWhitespaceTokens() {
			return this.maxWhitespaceTokens;
		}

		public void setMaxWhitespaceTokens(int maxWhitespaceTokens) {
			this.maxWhitespaceTokens = maxWhitespaceTokens;
		}

		public int getMaxRecursion() {
			return this.maxRecursion;
		}

		public void setMaxRecursion(int maxRecursion) {
			this.maxRecursion = maxRecursion;
		}

	}

	/**
	 * Static cost of an operation and the rate limit policy it is charged to.
	 */
	public static class Cost {

		/**
		 * Cost of a field without an override.
		 */
		private long defaultFieldCost = 1;

		/**
		 * Size assumed for a list field, or a field with a slicing argument, when the
		 * operation does not give its slicing argument.
		 */
		private long defaultListSize = 10;

		/**
		 * Arguments whose value is the size of the list a field returns, such as
		 * {@code first}.
		 */
		private List<String> slicingArguments = new ArrayList<>(List.of("first", "last", "limit"));

		/**
		 * Cost of single fields by {@code Type.field}, such as {@code Query.orders: 2}.
		 */
		private Map<String, Long> fields = new LinkedHashMap<>();

		/**
		 * Rate limit policy ({@code edge.rate-limit.policies}) whose bucket is charged
		 * the cost of each operation; none when empty or unknown.
		 */
		private String policy = "graphql-cost";

		/**
		 * Response header that carries the estimated cost; none when empty.
		 */
		private String header = "X-GraphQL-Cost";

		public long getDefaultFieldCost() {
			return this.defaultFieldCost;
		}

		public void setDefaultFieldCost(long defaultFieldCost) {
			this.defaultFieldCost = defaultFieldCost;
		}

		public long getDefaultListSize() {
			return this.defaultListSize;
		}

		public void setDefaultListSize(long defaultListSize) {
			this.defaultListSize = defaultListSize;
		}

		public List<String> getSlicingArguments() {
			return this.slicingArguments;
		}

		public void setSlicingArguments(List<String> slicingArguments) {
			this.slicingArguments = slicingArguments;
		}

		public Map<String, Long> getFields() {
			return this.fields;
		}

		public void setFields(Map<String, Long> fields) {
			this.fields = fields;
		}

		public String getPolicy() {
			return this.policy;
		}

		public void setPolicy(String policy) {
			this.policy = policy;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

	}

	/**
	 * Automatic persisted queries (the Apollo protocol): a client sends the SHA-256 hash
	 * of a document, and the document itself once when the hash is unknown.
	 */
	public static class PersistedQueries {

		/**
		 * Whether clients may register and send persisted queries.
		 */
		private boolean enabled = true;

		/**
		 * Where registered documents are kept.
		 */
		private Store store = Store.MEMORY;

		/**
		 * Most documents kept in memory.
		 */
		private long maxEntries = 10_000;

		/**
		 * How long a registered document is kept after its last use.
		 */
		private Duration timeToLive = Duration.ofDays(1);

		/**
		 * Prefix of the Redis keys of registered documents.
		 */
		private String keyPrefix = "edge:gql:apq:";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(long maxEntries) {
			this.maxEntries = maxEntries;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		/**
		 * Where persisted queries are kept.
		 */
		public enum Store {

			/** In this instance's memory. */
			MEMORY,

			/** In Redis, shared by all instances. */
			REDIS

		}

	}

	/**
	 * Trusted documents: operations registered in files, known by the SHA-256 hash of
	 * their text.
	 */
	public static class TrustedDocuments {

		/**
		 * Whether only trusted documents may run (a safelist); free-form and
		 * client-registered documents are refused.
		 */
		private boolean required = false;

		/**
		 * Resource patterns of the trusted document files, one operation document each.
		 */
		private List<String> locations = new ArrayList<>(List.of("classpath*:graphql/trusted/*.graphql"));

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

	}

	/**
	 * GraphQL over HTTP.
	 */
	public static class Http {

		/**
		 * Whether queries may be sent with GET (mutations over GET get 405).
		 */
		private boolean getEnabled = true;

		public boolean isGetEnabled() {
			return this.getEnabled;
		}

		public void setGetEnabled(boolean getEnabled) {
			this.getEnabled = getEnabled;
		}

	}

}
