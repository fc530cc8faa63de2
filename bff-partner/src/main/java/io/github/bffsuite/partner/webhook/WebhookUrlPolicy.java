package io.github.bffsuite.partner.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Decides which URLs a partner may point its webhook at: absolute http or https URLs
 * without credentials or fragment, whose host is not a literal link-local or cloud
 * metadata address, nor this machine unless loopback is allowed. Host names are not
 * resolved here, so a name that resolves to a refused address is not caught: that needs
 * an egress proxy or firewall.
 */
public class WebhookUrlPolicy {

	/** Slug of the problem type of a refused webhook URL. */
	public static final String TYPE = "invalid-webhook-url";

	private static final int MAX_LENGTH = 2048;

	private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");

	private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog");

	private static final byte[] AWS_IPV6_METADATA = address("fd00:ec2::254");

	private static final byte[] ALIBABA_METADATA = address("100.100.100.200");

	private final boolean allowLoopback;

	public WebhookUrlPolicy(boolean allowLoopback) {
		this.allowLoopback = allowLoopback;
	}

	/**
	 * Check a URL, failing with a 400 {@value #TYPE} problem when it is refused.
	 * @param url the URL as the admin sent it
	 * @return the URL
	 */
	public URI check(@Nullable String url) {
		if (url == null || url.isBlank()) {
			throw refused("is required");
		}
		if (url.length() > MAX_LENGTH) {
			throw refused("must be at most " + MAX_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw refused("is not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
			throw refused("must be an absolute http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw refused("must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw refused("must not hold credentials");
		}
		if (uri.getRawFragment() != null) {
			throw refused("must not have a fragment");
		}
		checkHost(uri.getHost());
		return uri;
	}

	private void checkHost(String rawHost) {
		String host = rawHost.toLowerCase(Locale.ROOT);
		while (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		if (METADATA_NAMES.contains(host)) {
			throw refused("must not name a cloud metadata service");
		}
		if (host.equals("localhost") || host.endsWith(".localhost")) {
			if (!this.allowLoopback) {
				throw refused("must not name this machine (loopback)");
			}
			return;
		}
		InetAddress literal = literal(host);
		if (literal == null) {
			return;
		}
		byte[] bytes = literal.getAddress();
		if (literal.isLinkLocalAddress() || Arrays.equals(bytes, AWS_IPV6_METADATA)
				|| Arrays.equals(bytes, ALIBABA_METADATA)) {
			throw refused("must not be a link-local or cloud metadata address");
		}
		if (literal.isAnyLocalAddress() || (literal.isLoopbackAddress() && !this.allowLoopback)) {
			throw refused("must not name this machine (loopback)");
		}
	}

	/**
	 * The address a host names literally: an IPv6 literal in brackets or a dotted-quad
	 * IPv4 address. Other numeric hosts (2852039166, 0xA9FEA9FE, 0251.0376.0251.0376,
	 * 169.254.43518) are refused: resolvers read them as addresses in ways that differ.
	 */
	private static @Nullable InetAddress literal(String host) {
		if (host.startsWith("[") && host.endsWith("]")) {
			return parse(host.substring(1, host.length() - 1));
		}
		// no top-level domain is numeric: a host whose last label is, is an address
		String last = host.substring(host.lastIndexOf('.') + 1);
		if (!NUMERIC_LABEL.matcher(last).matches()) {
			return null;
		}
		if (!DOTTED_QUAD.matcher(host).matches()) {
			throw refused("must write an IPv4 address as four decimal numbers");
		}
		return parse(host);
	}

	private static @Nullable InetAddress parse(String literal) {
		try {
			// a literal never goes to DNS
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw refused("is not a valid address");
		}
	}

	private static byte[] address(String literal) {
		try {
			return InetAddress.getByName(literal).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ErrorResponseException refused(String reason) {
		ProblemDetail problem = EdgeProblems.problem(HttpStatus.BAD_REQUEST, TYPE, "url: " + reason);
		problem.setTitle("Webhook URL refused");
		problem.setProperty("errors", List.of(Map.of("field", "url", "reason", reason)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
