package io.github.bffsuite.edge.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Canary releases on gateway routes: per route id, a second version that gets a sticky
 * share of the route's callers, compared with the route's own URI and stepped up or
 * rolled back automatically.
 */
@ConfigurationProperties("edge.delivery")
public class EdgeCanaryProperties {

	/**
	 * Canaries by gateway route id. The route's own URI is the stable version.
	 */
	private Map<String, Canary> canaries = new LinkedHashMap<>();

	private final CanaryControl canaryControl = new CanaryControl();

	public Map<String, Canary> getCanaries() {
		return this.canaries;
	}

	public void setCanaries(Map<String, Canary> canaries) {
		this.canaries = canaries;
	}

	public CanaryControl getCanaryControl() {
		return this.canaryControl;
	}

	/**
	 * What is shared by every canary: where their state lives, how often they are judged,
	 * who may change them.
	 */
	public static class CanaryControl {

		/**
		 * Where the weight and state of each canary live: "memory" (this instance only)
		 * or "redis" (shared by every instance, changes seen everywhere within a second).
		 */
		private Store store = Store.MEMORY;

		/**
		 * Prefix of the Redis keys and of the change channel.
		 */
		private String keyPrefix = "edge:canary:";

		/**
		 * How often each instance re-reads every canary's state from Redis, in case a
		 * change message was missed (changes are pushed at once otherwise).
		 */
		private Duration syncInterval = Duration.ofSeconds(5);

		/**
		 * How often each canary is judged for a step up (a rollback is judged on every
		 * canary answer as well).
		 */
		private Duration evaluationInterval = Duration.ofSeconds(1);

		/**
		 * Scope a caller of the "canaries" actuator endpoint must hold, read or write.
		 * Empty to leave the endpoint to the management port's own protection.
		 */
		private String adminScope = "canary:admin";

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getSyncInterval() {
			return this.syncInterval;
		}

		public void setSyncInterval(Duration syncInterval) {
			this.syncInterval = syncInterval;
		}

		public Duration getEvaluationInterval() {
			return this.evaluationInterval;
		}

		public void setEvaluationInterval(Duration evaluationInterval) {
			this.evaluationInterval = evaluationInterval;
		}

		public String getAdminScope() {
			return this.adminScope;
		}

		public void setAdminScope(String adminScope) {
			this.adminScope = adminScope;
		}

	}

	/**
	 * Where canary state lives.
	 */
	public enum Store {

		/** In this instance only. */
		MEMORY,

		/** In Redis, shared by every instance. */
		REDIS

	}

	/**
	 * One canary.
	 */
	public static class Canary {

		/**
		 * Base URI of the canary version; its scheme, host and port replace those of the
		 * route's resolved request URL.
		 */
		private @Nullable String uri;

		/**
		 * Percentage of callers sent to the canary at start-up. Defaults to the first
		 * step.
		 */
		private @Nullable Integer weight;

		/**
		 * Weights to step through while the canary stays healthy, ascending and ending at
		 * 100. Empty to keep the weight fixed.
		 */
		private List<Integer> steps = new ArrayList<>(List.of(5, 25, 50, 100));

		/**
		 * How long the canary must stay healthy at a step before the next one.
		 */
		private Duration stepInterval = Duration.ofMinutes(5);

		/**
		 * What keeps a caller on one version: "user", "tenant", "api-key" or
		 * "client-address". A caller without that key is split by client address.
		 */
		private StickBy stickBy = StickBy.USER;

		/**
		 * Response header naming the version that answered ("stable" or "canary"). Empty
		 * to send none.
		 */
		private String versionHeader = "";

		private final Override override = new Override();

		private final Analysis analysis = new Analysis();

		public @Nullable String getUri() {
			return this.uri;
		}

		public void setUri(@Nullable String uri) {
			this.uri = uri;
		}

		public @Nullable Integer getWeight() {
			return this.weight;
		}

		public void setWeight(@Nullable Integer weight) {
			this.weight = weight;
		}

		public List<Integer> getSteps() {
			return this.steps;
		}

		public void setSteps(List<Integer> steps) {
			this.steps = steps;
		}

		public Duration getStepInterval() {
			return this.stepInterval;
		}

		public void setStepInterval(Duration stepInterval) {
			this.stepInterval = stepInterval;
		}

		public StickBy getStickBy() {
			return this.stickBy;
		}

		public void setStickBy(StickBy stickBy) {
			this.stickBy = stickBy;
		}

		public String getVersionHeader() {
			return this.versionHeader;
		}

		public void setVersionHeader(String versionHeader) {
			this.versionHeader = versionHeader;
		}

		public Override getOverride() {
			return this.override;
		}

		public Analysis getAnalysis() {
			return this.analysis;
		}

	}

	/**
	 * What keeps a caller on one version.
	 */
	public enum StickBy {

		/** The end user's id (the token's subject). */
		USER,

		/** The tenant. */
		TENANT,

		/** The API key id or OAuth2 client id. */
		API_KEY,

		/** The client's address (behind the rate limits' trusted proxies). */
		CLIENT_ADDRESS

	}

	/**
	 * The testers' override of the split.
	 */
	public static class Override {

		/**
		 * Request header with which a tester picks a version: "always" (canary) or
		 * "never" (stable). Removed from every request before it goes downstream.
		 */
		private String header = "X-Canary";

		/**
		 * Scope a caller must hold for the header to count. Empty to ignore the header
		 * for everyone.
		 */
		private String scope = "";

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public String getScope() {
			return this.scope;
		}

		public void setScope(String scope) {
			this.scope = scope;
		}

	}

	/**
	 * How the canary is compared with the stable version.
	 */
	public static class Analysis {

		/**
		 * Whether the canary is judged automatically (rolled back when worse, stepped up
		 * when healthy).
		 */
		private boolean enabled = true;

		/**
		 * Sliding window over which both versions' answers are counted.
		 */
		private Duration window = Duration.ofSeconds(60);

		/**
		 * Fewest canary answers in the window before any verdict.
		 */
		private int minRequests = 20;

		/**
		 * Largest amount by which the canary's error rate (5xx, connection failures,
		 * timeouts) may exceed the stable version's, as a fraction (0.05 is five
		 * percentage points).
		 */
		private double maxErrorRateIncrease = 0.05;

		/**
		 * Largest ratio of the canary's 99th percentile latency to the stable version's.
		 */
		private double maxLatencyRatio = 2.0;

		/**
		 * Latency difference below which the canary's 99th percentile is never judged
		 * worse, whatever the ratio.
		 */
		private Duration latencyTolerance = Duration.ofMillis(100);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getMinRequests() {
			return this.minRequests;
		}

		public void setMinRequests(int minRequests) {
			this.minRequests = minRequests;
		}

		public double getMaxErrorRateIncrease() {
			return this.maxErrorRateIncrease;
		}

		public void setMaxErrorRateIncrease(double maxErrorRateIncrease) {
			this.maxErrorRateIncrease = maxErrorRateIncrease;
		}

		public double getMaxLatencyRatio() {
			return this.maxLatencyRatio;
		}

		public void setMaxLatencyRatio(double maxLatencyRatio) {
			this.maxLatencyRatio = maxLatencyRatio;
		}

		public Duration getLatencyTolerance() {
			return this.latencyTolerance;
		}

		public void setLatencyTolerance(Duration latencyTolerance) {
			this.latencyTolerance = latencyTolerance;
		}

	}

}
