package io.github.bffsuite.edge.grpc.transcoding;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PathTemplate}.
 */
class PathTemplateTests {

	@Test
	void matchesLiteralsAndASingleSegmentVariable() {
		PathTemplate template = PathTemplate.parse("/v1/shelves/{shelf}/books");
		assertThat(template.match("/v1/shelves/s1/books")).isEqualTo(Map.of("shelf", "s1"));
		assertThat(template.match("/v1/shelves/s1/s2/books")).isNull();
		assertThat(template.match("/v1/shelves//books")).isNull();
		assertThat(template.variables()).containsExactly("shelf");
	}

	@Test
	void matchesAVariableWithSegmentsAsTheResourceName() {
		PathTemplate template = PathTemplate.parse("/v1/{name=products/*}");
		assertThat(template.match("/v1/products/p-0001")).isEqualTo(Map.of("name", "products/p-0001"));
		assertThat(template.match("/v1/orders/o-1")).isNull();
		assertThat(template.match("/v1/products/p-0001/more")).isNull();
	}

	@Test
	void keepsTheVerbOutOfTheLastVariable() {
		PathTemplate template = PathTemplate.parse("/v1/{name=products/*}:watchPrices");
		assertThat(template.match("/v1/products/p-0001:watchPrices")).isEqualTo(Map.of("name", "products/p-0001"));
		assertThat(template.match("/v1/products/p-0001")).isNull();
		assertThat(template.match("/v1/products/p-0001:other")).isNull();
		assertThat(template.specificity()).isGreaterThan(PathTemplate.parse("/v1/{name=products/*}").specificity());
	}

	@Test
	void matchesTheRestOfThePathWithADoubleWildcard() {
		PathTemplate template = PathTemplate.parse("/v1/{name=files/**}");
		assertThat(template.match("/v1/files/a/b/c.txt")).isEqualTo(Map.of("name", "files/a/b/c.txt"));
	}

	@Test
	void decodesVariableValuesAndNestedFieldPaths() {
		PathTemplate template = PathTemplate.parse("/v1/categories/{filter.category}/products:search");
		assertThat(template.match("/v1/categories/home%20garden/products:search"))
			.isEqualTo(Map.of("filter.category", "home garden"));
	}

	@Test
	void namesAVariableWhoseValueIsNotPercentEncoded() {
		PathTemplate template = PathTemplate.parse("/v1/{name=products/*}");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> template.match("/v1/products/p%zz"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("name"));
	}

	@Test
	void quotesLiteralsThatLookLikeRegularExpressions() {
		assertThat(PathTemplate.parse("/v1/a.b/{x}").match("/v1/aXb/1")).isNull();
	}

	@Test
	void rejectsATemplateWithoutALeadingSlash() {
		assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("v1/products"));
	}

}
