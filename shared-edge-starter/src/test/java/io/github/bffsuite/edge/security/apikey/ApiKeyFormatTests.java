package io.github.bffsuite.edge.security.apikey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The checksummed key format.
 */
class ApiKeyFormatTests {

	// made outside Java (Python zlib.crc32 and the same base62 alphabet)
	static final String EXTERNAL_KEY = "bffk_test_acme_pVHRr3Big2DfVmCjgDbtqC4L7tLwKR2031fuyj";

	@Test
	void generatesKeysThatParseBack() {
		String key = ApiKeyFormat.generate("live", "acme-corp");
		assertThat(key).matches("bffk_live_acme-corp_[0-9A-Za-z]{38}");
		ApiKeyFormat.Parts parts = ApiKeyFormat.parse(key);
		assertThat(parts).isNotNull();
		assertThat(parts.environment()).isEqualTo("live");
		assertThat(parts.tenant()).isEqualTo("acme-corp");
		assertThat(parts.hint()).isEqualTo(key.substring(0, 24) + "…" + key.substring(key.length() - 4));
		assertThat(ApiKeyFormat.generate("live", "acme-corp")).isNotEqualTo(key);
	}

	@Test
	void agreesWithAChecksumComputedElsewhere() {
		assertThat(ApiKeyFormat.isWellFormed(EXTERNAL_KEY)).isTrue();
	}

	@Test
	void refusesEverySingleCharacterTypo() {
		String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		int start = "bffk_test_acme_".length();
		for (int i = start; i < EXTERNAL_KEY.length(); i++) {
			for (char c : alphabet.toCharArray()) {
				if (c != EXTERNAL_KEY.charAt(i)) {
					String typo = EXTERNAL_KEY.substring(0, i) + c + EXTERNAL_KEY.substring(i + 1);
					assertThat(ApiKeyFormat.isWellFormed(typo)).as(typo).isFalse();
				}
			}
		}
	}

	@Test
	void refusesOtherShapes() {
		assertThat(ApiKeyFormat.isWellFormed("")).isFalse();
		assertThat(ApiKeyFormat.isWellFormed("bffk_acme_devonly_4Qm8ZpX2vT7nR1sK9wL3yB6cF0hJ5dGe")).isFalse();
		assertThat(ApiKeyFormat.isWellFormed(EXTERNAL_KEY + "a")).isFalse();
		assertThat(ApiKeyFormat.isWellFormed(EXTERNAL_KEY.replace("_acme_", "_globex_"))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyFormat.generate("live", "Acme Corp"));
	}

}
