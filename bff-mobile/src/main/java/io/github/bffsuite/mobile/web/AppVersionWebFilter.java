package io.github.bffsuite.mobile.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.bffsuite.edge.web.DeprecationHeaders;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import io.github.bffsuite.mobile.config.MobileProperties;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses apps older than their platform's minimum version, named by a header such as
 * {@code X-App-Version: ios/5.2.0}, with an {@code app-update-required} problem, and
 * marks responses to apps below the soft minimum with {@code Deprecation} (RFC 9745),
 * {@code Sunset} (RFC 8594) and a {@code Link} to the update. Runs before authentication:
 * an app that must update should be told so even when its token has expired.
 */
@Component
public class AppVersionWebFilter implements WebFilter, Ordered {

	/** Order of this filter: after the request id, before Spring Security (-100). */
	public static final int ORDER = -200;

	/** Problem type slug of an app older than the minimum. */
	public static final String UPDATE_REQUIRED = "app-update-required";

	/** Problem type slug of a missing or malformed version header, when refused. */
	public static final String VERSION_REQUIRED = "app-version-required";

	private static final Pattern VERSION = Pattern
		.compile("([A-Za-z][A-Za-z0-9_-]{0,31})/([0-9]{1,6}(?:\\.[0-9]{1,6}){0,3})(?:[-+][0-9A-Za-z.-]{1,64})?");

	private static final Pattern NUMBERS = Pattern.compile("[0-9]{1,6}(?:\\.[0-9]{1,6}){0,3}");

	private final MobileProperties.AppVersion properties;

	private final List<PathPattern> paths;

	private final ProblemResponseWriter problems;

	private final Instant started = Instant.now();

	public AppVersionWebFilter(MobileProperties properties, ProblemResponseWriter problems) {
		this.properties = properties.getAppVersion();
		this.paths = this.properties.getPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.problems = problems;
		this.properties.getPlatforms().forEach((name, platform) -> {
			checkVersion(name, "minimum", platform.getMinimum());
			checkVersion(name, "soft-minimum", platform.getSoftMinimum());
		});
	}

	private static void checkVersion(String platform, String property, @Nullable String version) {
		if (version != null && !NUMBERS.matcher(version).matches()) {
			throw new IllegalStateException("edge.mobile.app-version.platforms." + platform + "." + property
					+ " must be numbers separated by dots, such as 5.2.0, not '" + version + "'");
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.properties.isEnabled() || !applies(exchange)) {
			return chain.filter(exchange);
		}
		String header = exchange.getRequest().getHeaders().getFirst(this.properties.getHeader());
		Matcher matcher = (header != null) ? VERSION.matcher(header.strip()) : null;
		MobileProperties.Platform platform = (matcher != null && matcher.matches())
				? platform(matcher.group(1).toLowerCase(Locale.ROOT)) : null;
		if (matcher == null || platform == null) {
			if (this.properties.getMissing() == MobileProperties.Missing.REFUSE) {
				return this.problems.write(exchange, versionRequired(header));
			}
			return chain.filter(exchange);
		}
		String name = matcher.group(1).toLowerCase(Locale.ROOT);
		String version = matcher.group(2);
		if (platform.getMinimum() != null && compare(version, platform.getMinimum()) < 0) {
			return this.problems.write(exchange, updateRequired(name, version, platform));
		}
		if (platform.getSoftMinimum() != null && compare(version, platform.getSoftMinimum()) < 0) {
			deprecate(exchange.getResponse().getHeaders(), platform);
		}
		return chain.filter(exchange);
	}

	private boolean applies(ServerWebExchange exchange) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		return this.paths.stream().anyMatch((pattern) -> pattern.matches(path));
	}

	private MobileProperties.@Nullable Platform platform(String name) {
		for (Map.Entry<String, MobileProperties.Platform> entry : this.properties.getPlatforms().entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	/**
	 * 403, not 426: RFC 9110 makes 426 Upgrade Required carry an {@code Upgrade} header
	 * naming the protocol to switch to, and an app-store update is no protocol. 403 says
	 * the request is understood and refused, and that repeating it unchanged will not
	 * help; the problem type tells the app to show its update screen.
	 */
	private ProblemDetail updateRequired(String platform, String version, MobileProperties.Platform versions) {
		ProblemDetail problem = EdgeProblems.problem(HttpStatus.FORBIDDEN, UPDATE_REQUIRED,
				"Version " + version + " of the " + platform + " app is no longer supported; update to "
						+ versions.getMinimum() + " or later");
		problem.setTitle("App update required");
		problem.setProperty("platform", platform);
		problem.setProperty("version", version);
		problem.setProperty("minimumVersion", versions.getMinimum());
		if (versions.getUpdateUrl() != null) {
			problem.setProperty("updateUrl", versions.getUpdateUrl());
		}
		return problem;
	}

	private ProblemDetail versionRequired(@Nullable String header) {
		String detail = "Header " + this.properties.getHeader() + " must name a known platform and version, such as "
				+ "ios/5.2.0 (known platforms: " + this.properties.getPlatforms().keySet() + ")";
		ProblemDetail problem = EdgeProblems.problem(HttpStatus.BAD_REQUEST, VERSION_REQUIRED, detail);
		problem.setProperty("header", this.properties.getHeader());
		return problem;
	}

	private void deprecate(HttpHeaders headers, MobileProperties.Platform platform) {
		Instant deprecatedAt = (platform.getDeprecatedAt() != null) ? platform.getDeprecatedAt() : this.started;
		DeprecationHeaders.deprecatedAt(deprecatedAt)
			.sunsetAt(platform.getSunsetAt())
			.link(platform.getUpdateUrl(), "deprecation", null)
			.writeTo(headers);
	}

	/**
	 * Compare dotted versions numerically, missing parts counting as 0.
	 * @param left a version
	 * @param right another version
	 * @return negative, zero or positive as {@code left} is older, the same or newer
	 */
	static int compare(String left, String right) {
		long[] a = parts(left);
		long[] b = parts(right);
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			long x = (i < a.length) ? a[i] : 0;
			long y = (i < b.length) ? b[i] : 0;
			if (x != y) {
				return Long.compare(x, y);
			}
		}
		return 0;
	}

	private static long[] parts(String version) {
		return Arrays.stream(version.strip().split("[.]")).mapToLong(Long::parseLong).toArray();
	}

}
