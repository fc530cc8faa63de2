package io.github.bffsuite.edge.idempotency;

import java.util.List;
import java.util.Map;

/**
 * A response kept for the replays of its idempotency key.
 *
 * @param status the status code
 * @param headers the headers the handler set, by name
 * @param body the body
 */
public record StoredResponse(int status, Map<String, List<String>> headers, byte[] body) {

}
