package io.github.bffsuite.mobile.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parsing, checking and applying field masks.
 */
class FieldMaskTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void keepsEverythingWithoutAMask() {
		assertThat(FieldMask.parse(null, Screen.class).all()).isTrue();
		assertThat(FieldMask.parse("  ", Screen.class).all()).isTrue();
	}

	@Test
	void selectsNestedFieldsInsideArrays() {
		assertThat(apply("id,items(name)"))
			.isEqualTo("{\"id\":\"s-1\",\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"partial\":[]}");
	}

	@Test
	void acceptsDotsSlashesAndSpaces() {
		String expected = "{\"items\":[{\"name\":\"a\",\"thumb\":\"ta\"},{\"name\":\"b\",\"thumb\":\"tb\"}],\"partial\":[]}";
		assertThat(apply("items.name, items/thumb")).isEqualTo(expected);
		assertThat(apply("items( name , thumb )")).isEqualTo(expected);
	}

	@Test
	void aWholeFieldWinsOverPartOfIt() {
		assertThat(apply("items(name),items")).contains("\"thumb\":\"ta\"");
	}

	@Test
	void allowsAnythingBelowAMap() {
		assertThat(FieldMask.parse("labels(anything)", Screen.class).selects("labels")).isTrue();
	}

	@Test
	void saysWhetherItSelectsANestedPath() {
		FieldMask mask = FieldMask.parse("id,items(name)", Screen.class);
		assertThat(mask.selects("items", "name")).isTrue();
		assertThat(mask.selects("items", "thumb")).isFalse();
		assertThat(mask.selects("labels", "k")).isFalse();
		assertThat(mask.selects("id")).isTrue();
		assertThat(FieldMask.parse("items", Screen.class).selects("items", "thumb")).isTrue();
		assertThat(FieldMask.parse(null, Screen.class).selects("items", "thumb")).isTrue();
	}

	@Test
	void namesAnUnknownNestedField() {
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> FieldMask.parse("items(name,price)", Screen.class))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getBody().getProperties()).containsEntry("field", "items.price");
			});
	}

	@Test
	void refusesSubFieldsOfAPlainValue() {
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> FieldMask.parse("id(x)", Screen.class))
			.satisfies(
					(ex) -> assertThat(ex.getBody().getDetail()).isEqualTo("Field 'id' has no sub-fields to select"));
	}

	@Test
	void refusesMalformedMasks() {
		for (String mask : List.of("items(", "items)", ",id", "id,", "1d", "items()", "id;drop", "a.(b)")) {
			assertThatExceptionOfType(ErrorResponseException.class).as(mask)
				.isThrownBy(() -> FieldMask.parse(mask, Screen.class))
				.satisfies((ex) -> assertThat(ex.getBody().getType().toString()).endsWith("/invalid-fields"));
		}
	}

	private static String apply(String mask) {
		ObjectNode tree = json.valueToTree(new Screen("s-1", List.of(new Item("a", "ta", 1), new Item("b", "tb", 2)),
				Map.of("k", "v"), List.of()));
		FieldMask.parse(mask, Screen.class).apply(tree, Set.of("partial"));
		return json.writeValueAsString(tree);
	}

	record Screen(String id, List<Item> items, Map<String, String> labels, List<@Nullable String> partial) {

	}

	record Item(String name, String thumb, int quantity) {

	}

}
