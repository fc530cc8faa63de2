package io.github.bffsuite.partner.key;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A key just made: the only time its secret is shown.
 *
 * @param key the secret key; store it now, it cannot be shown again
 * @param details the key as listed
 */
public record CreatedApiKey(@Schema(description = "The secret key. Shown exactly once: store it now.",
		example = "bffk_test_acme_pVHRr3Big2DfVmCjgDbtqC4L7tLwKR2031fuyj") String key, ApiKeyView details) {

}
