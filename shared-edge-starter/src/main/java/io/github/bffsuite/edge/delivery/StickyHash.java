package io.github.bffsuite.edge.delivery;

import java.nio.charset.StandardCharsets;

/**
 * Puts a caller in one of 10,000 buckets by a hash of the route and the caller's key: the
 * same bucket on every instance and after every restart (no per-JVM seed), and a
 * different split per route. A canary at weight {@code w} takes the buckets below
 * {@code w * 100}, so a caller on the canary stays on it as the weight grows.
 */
final class StickyHash {

	static final int BUCKETS = 10_000;

	private StickyHash() {
	}

	/**
	 * Return the bucket of a caller on a route.
	 * @param route the route id
	 * @param key the caller's key
	 * @return the bucket, from 0 to 9,999
	 */
	static int bucket(String route, String key) {
		// FNV-1a over the UTF-8 bytes, then MurmurHash3's 64-bit finaliser to spread
		// the low bits that the modulo keeps
		long hash = 0xcbf29ce484222325L;
		hash = mix(hash, route.getBytes(StandardCharsets.UTF_8));
		hash = (hash ^ 0) * 0x100000001b3L;
		hash = mix(hash, key.getBytes(StandardCharsets.UTF_8));
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return (int) Long.remainderUnsigned(hash, BUCKETS);
	}

	private static long mix(long hash, byte[] bytes) {
		long result = hash;
		for (byte b : bytes) {
			result ^= (b & 0xff);
			result *= 0x100000001b3L;
		}
		return result;
	}

}
