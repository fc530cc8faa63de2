package io.github.bffsuite.mobile.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the mobile gateway's screens and of the app-version gate.
 */
@ConfigurationProperties("edge.mobile")
public class MobileProperties {

	/**
	 * Time a whole screen response may take, every downstream call included; an optional
	 * section that is not done by then is left out and listed as partial.
	 */
	private Duration deadline = Duration.ofMillis(800);

	/**
	 * Home screen.
	 */
	private final Home home = new Home();

	/**
	 * Image URLs the screens hand to the app.
	 */
	private final Images images = new Images();

	/**
	 * Minimum app versions.
	 */
	private final AppVersion appVersion = new AppVersion();

	public Duration getDeadline() {
		return this.deadline;
	}

	public void setDeadline(Duration deadline) {
		this.deadline = deadline;
	}

	public Home getHome() {
		return this.home;
	}

	public Images getImages() {
		return this.images;
	}

	public AppVersion getAppVersion() {
		return this.appVersion;
	}

	/**
	 * Home screen.
	 */
	public static class Home {

		/**
		 * Number of latest orders shown.
		 */
		private int orders = 3;

		/**
		 * Number of recommended products shown.
		 */
		private int recommended = 5;

		public int getOrders() {
			return this.orders;
		}

		public void setOrders(int orders) {
			this.orders = orders;
		}

		public int getRecommended() {
			return this.recommended;
		}

		public void setRecommended(int recommended) {
			this.recommended = recommended;
		}

	}

	/**
	 * Image URL templates; {@code {id}} is replaced by the user or product id.
	 */
	public static class Images {

		/**
		 * Template of a user's avatar URL.
		 */
		private String avatar = "https://img.bff-suite.dev/avatars/{id}.webp";

		/**
		 * Template of a product's thumbnail URL.
		 */
		private String thumbnail = "https://img.bff-suite.dev/products/{id}/thumb.webp";

		/**
		 * Template of a product's full-size image URL.
		 */
		private String image = "https://img.bff-suite.dev/products/{id}/full.webp";

		public String getAvatar() {
			return this.avatar;
		}

		public void setAvatar(String avatar) {
			this.avatar = avatar;
		}

		public String getThumbnail() {
			return this.thumbnail;
		}

		public void setThumbnail(String thumbnail) {
			this.thumbnail = thumbnail;
		}

		public String getImage() {
			return this.image;
		}

		public void setImage(String image) {
			this.image = image;
		}

	}

	/**
	 * Gate on the app version a request names, such as {@code X-App-Version: ios/5.2.0}.
	 * An app below the platform's minimum gets an {@code app-update-required} problem; an
	 * app below the soft minimum is served with {@code Deprecation} and {@code Sunset}
	 * headers.
	 */
	public static class AppVersion {

		/**
		 * Whether the gate is on.
		 */
		private boolean enabled = true;

		/**
		 * Request header naming the platform and version, as
		 * {@code <platform>/<version>}.
		 */
		private String header = "X-App-Version";

		/**
		 * Path patterns the gate applies to.
		 */
		private List<String> paths = new ArrayList<>(List.of("/mobile/**"));

		/**
		 * What to do with a request whose header is missing, malformed or names an
		 * unknown platform.
		 */
		private Missing missing = Missing.ALLOW;

		/**
		 * Versions per platform, such as {@code ios} and {@code android}.
		 */
		private Map<String, Platform> platforms = new LinkedHashMap<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public Missing getMissing() {
			return this.missing;
		}

		public void setMissing(Missing missing) {
			this.missing = missing;
		}

		public Map<String, Platform> getPlatforms() {
			return this.platforms;
		}

		public void setPlatforms(Map<String, Platform> platforms) {
			this.platforms = platforms;
		}

	}

	/**
	 * Outcome for a request without a usable app version.
	 */
	public enum Missing {

		/** Serve it as an up-to-date app. */
		ALLOW,

		/** Refuse it with a 400 problem. */
		REFUSE

	}

	/**
	 * Versions of one platform's app.
	 */
	public static class Platform {

		/**
		 * Oldest version served at all, such as {@code 5.0.0}; older apps must update.
		 */
		private @Nullable String minimum;

		/**
		 * Oldest version served without deprecation headers; older apps are told to
		 * update soon.
		 */
		private @Nullable String softMinimum;

		/**
		 * Where the app is updated, such as its app-store page.
		 */
		private @Nullable URI updateUrl;

		/**
		 * When versions below the soft minimum became deprecated, for the
		 * {@code Deprecation} header.
		 */
		private @Nullable Instant deprecatedAt;

		/**
		 * When versions below the soft minimum stop being served, for the {@code Sunset}
		 * header.
		 */
		private @Nullable Instant sunsetAt;

		public @Nullable String getMinimum() {
			return this.minimum;
		}

		public void setMinimum(@Nullable String minimum) {
			this.minimum = minimum;
		}

		public @Nullable String getSoftMinimum() {
			return this.softMinimum;
		}

		public void setSoftMinimum(@Nullable String softMinimum) {
			this.softMinimum = softMinimum;
		}

		public @Nullable URI getUpdateUrl() {
			return this.updateUrl;
		}

		public void setUpdateUrl(@Nullable URI updateUrl) {
			this.updateUrl = updateUrl;
		}

		public @Nullable Instant getDeprecatedAt() {
			return this.deprecatedAt;
		}

		public void setDeprecatedAt(@Nullable Instant deprecatedAt) {
			this.deprecatedAt = deprecatedAt;
		}

		public @Nullable Instant getSunsetAt() {
			return this.sunsetAt;
		}

		public void setSunsetAt(@Nullable Instant sunsetAt) {
			this.sunsetAt = sunsetAt;
		}

	}

}
