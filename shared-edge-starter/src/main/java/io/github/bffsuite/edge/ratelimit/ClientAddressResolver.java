package io.github.bffsuite.edge.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Finds the client IP of a request: the peer address, unless the peer is a trusted proxy,
 * in which case {@code X-Forwarded-For} is read from the right, skipping trusted proxies,
 * and the first address that is not one is the client. Entries left of it were written by
 * the client and are never believed.
 */
public class ClientAddressResolver {

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

	private final List<IpAddressMatcher> trustedProxies;

	/**
	 * Create a resolver.
	 * @param trustedProxies addresses or CIDR ranges, IPv4 or IPv6, of trusted proxies
	 * @throws IllegalArgumentException if one is not an address or range
	 */
	public ClientAddressResolver(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map((range) -> new IpAddressMatcher(range.trim())).toList();
	}

	/**
	 * Return the client IP of a request.
	 * @param request the request
	 * @return the address, or {@code null} when the peer is unknown
	 */
	public @Nullable String resolve(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return null;
		}
		InetAddress client = remote.getAddress();
		if (this.trustedProxies.isEmpty() || !trusted(client)) {
			return client.getHostAddress();
		}
		List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			InetAddress hop = parse(forwarded.get(i));
			if (hop == null) {
				break;
			}
			client = hop;
			if (!trusted(hop)) {
				break;
			}
		}
		return client.getHostAddress();
	}

	private boolean trusted(InetAddress address) {
		String literal = address.getHostAddress();
		for (IpAddressMatcher range : this.trustedProxies) {
			if (range.matches(literal)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable InetAddress parse(String value) {
		String trimmed = value.trim();
		if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
			trimmed = trimmed.substring(1, trimmed.length() - 1);
		}
		// only literals: InetAddress would otherwise resolve host names
		if (!IP_LITERAL.matcher(trimmed).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(trimmed);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
