package io.github.bffsuite.edge.security.apikey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The checksummed API key format
 * {@code bffk_<environment>_<tenant>_<32 random base62><6 base62 CRC32>}, like GitHub's
 * and Zuplo's tokens: the prefix says what the key is for at a glance (and to secret
 * scanners), and the checksum lets a gateway refuse a mistyped or made-up key before it
 * asks any store.
 */
public final class ApiKeyFormat {

	/** First part of every key. */
	public static final String PREFIX = "bffk";

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final int RANDOM_LENGTH = 32;

	private static final int CHECKSUM_LENGTH = 6;

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");

	private static final Pattern KEY = Pattern.compile(PREFIX + "_([a-z0-9]{1,16})_([a-z0-9-]{1,40})_([0-9A-Za-z]{"
			+ RANDOM_LENGTH + "})([0-9A-Za-z]{" + CHECKSUM_LENGTH + "})");

	private static final SecureRandom random = new SecureRandom();

	private ApiKeyFormat() {
	}

	/**
	 * Make a new key (190 random bits).
	 * @param environment the environment, such as {@code live} or {@code test}
	 * @param tenant the tenant, lower case letters, digits and dashes
	 * @return the key, to hand to its owner once
	 */
	public static String generate(String environment, String tenant) {
		Assert.isTrue(environment.matches("[a-z0-9]{1,16}"), "The environment must be 1 to 16 of a-z 0-9");
		Assert.isTrue(NAME.matcher(tenant).matches(), "The tenant must be 1 to 40 of a-z 0-9 -");
		StringBuilder key = new StringBuilder(PREFIX).append('_')
			.append(environment)
			.append('_')
			.append(tenant)
			.append('_');
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			key.append(BASE62.charAt(random.nextInt(BASE62.length())));
		}
		return key.append(checksum(key)).toString();
	}

	/**
	 * Read a key that is well formed and whose checksum matches.
	 * @param key the presented key
	 * @return its parts, or {@code null} when it is malformed
	 */
	public static @Nullable Parts parse(String key) {
		Matcher matcher = KEY.matcher(key);
		if (!matcher.matches()) {
			return null;
		}
		int end = key.length() - CHECKSUM_LENGTH;
		if (!checksum(key.substring(0, end)).equals(key.substring(end))) {
			return null;
		}
		return new Parts(matcher.group(1), matcher.group(2), hint(key));
	}

	/**
	 * Whether a key is well formed and its checksum matches.
	 * @param key the presented key
	 * @return whether it is
	 */
	public static boolean isWellFormed(String key) {
		return parse(key) != null;
	}

	/**
	 * A masked form of a key that is safe to list and log: its prefix, the first four
	 * random characters and the last four.
	 * @param key the key
	 * @return the hint, such as {@code bffk_live_acme_4Qm8…x7Qa}
	 */
	public static String hint(String key) {
		int random = key.length() - CHECKSUM_LENGTH - RANDOM_LENGTH;
		if (random <= 0) {
			return "…";
		}
		return key.substring(0, random + 4) + "…" + key.substring(key.length() - 4);
	}

	private static String checksum(CharSequence body) {
		CRC32 crc = new CRC32();
		crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
		long value = crc.getValue();
		char[] digits = new char[CHECKSUM_LENGTH];
		for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
			digits[i] = BASE62.charAt((int) (value % 62));
			value /= 62;
		}
		return new String(digits);
	}

	/**
	 * What a well-formed key says about itself.
	 *
	 * @param environment the environment it was made for
	 * @param tenant the tenant it was made for
	 * @param hint its masked form
	 */
	public record Parts(String environment, String tenant, String hint) {

	}

}
