package io.github.bffsuite.edge.grpc.transcoding;

import java.util.List;
import java.util.Map;

import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RequestMessages} on a message of every kind of field: a number in the
 * path, nested and repeated query parameters, enums, well-known types, bodies.
 */
class RequestMessagesTests {

	private static final FileDescriptor FILE = file();

	private static final MethodDescriptor GET = FILE.findServiceByName("Things").findMethodByName("Get");

	private final RequestMessages messages = new RequestMessages(JsonFormat.parser(), true);

	@Test
	void parsesANumericPathVariable() {
		DynamicMessage message = build("/v1/things/{id}", "", Map.of("id", "42"), new LinkedMultiValueMap<>(), null);
		assertThat(message.getField(field("id"))).isEqualTo(42L);
	}

	@Test
	void answersAPathVariableThatDoesNotParseNamingIt() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(
					() -> build("/v1/things/{id}", "", Map.of("id", "forty-two"), new LinkedMultiValueMap<>(), null))
			.satisfies((ex) -> {
				assertThat(ex.field()).isEqualTo("id");
				assertThat(ex.reason()).isEqualTo("must be a whole number (int64)");
			});
	}

	@Test
	void setsRepeatedNestedEnumAndWellKnownFieldsFromQueryParameters() {
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		query.add("tags", "a");
		query.add("tags", "b");
		query.add("inner.flag", "true");
		query.add("inner.kind", "KIND_BIG");
		query.add("since", "2026-12-05T08:00:00Z");
		DynamicMessage message = build("/v1/things", "", Map.of(), query, null);
		assertThat(message.getField(field("tags"))).isEqualTo(List.of("a", "b"));
		DynamicMessage inner = (DynamicMessage) message.getField(field("inner"));
		assertThat(inner.getField(inner.getDescriptorForType().findFieldByName("flag"))).isEqualTo(true);
		assertThat(inner.toString()).contains("kind: KIND_BIG");
		assertThat(message.toString()).contains("seconds: 1796457600");
	}

	@Test
	void namesTheQueryParameterThatDoesNotFit() {
		assertThat(violation("inner.kind", "KIND_HUGE").reason())
			.isEqualTo("must be one of [KIND_UNSPECIFIED, KIND_BIG]");
		assertThat(violation("inner.flag", "yes").reason()).isEqualTo("must be true or false");
		assertThat(violation("since", "yesterday").field()).isEqualTo("since");
		assertThat(violation("nope", "1").reason()).isEqualTo("is not a parameter of this operation");
		assertThat(violation("inner", "1").field()).isEqualTo("inner");
	}

	@Test
	void mergesTheBodyThenLetsThePathWin() {
		DynamicMessage message = build("/v1/things/{id}", "*", Map.of("id", "7"), new LinkedMultiValueMap<>(),
				"{\"id\":\"3\",\"tags\":[\"x\"]}");
		assertThat(message.getField(field("id"))).isEqualTo(7L);
		assertThat(message.getField(field("tags"))).isEqualTo(List.of("x"));
	}

	@Test
	void namesTheMemberOfANamedBodyThatDoesNotFit() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> build("/v1/things", "inner", Map.of(), new LinkedMultiValueMap<>(),
					"{\"flag\":true,\"kind\":7.5}"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("inner.kind"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> build("/v1/things", "*", Map.of(), new LinkedMultiValueMap<>(), "[1, 2]"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("body"));
	}

	@Test
	void refusesAMessageOverTheServicesLimit() {
		HttpBinding binding = binding("/v1/things", "*");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.messages.build(binding, Map.of(), new LinkedMultiValueMap<>(),
					"{\"tags\":[\"" + "x".repeat(100) + "\"]}", 64))
			.satisfies((ex) -> assertThat(ex.reason()).contains("more than the service accepts (64 bytes)"));
	}

	private InvalidRequestException violation(String name, String value) {
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		query.add(name, value);
		try {
			build("/v1/things", "", Map.of(), query, null);
		}
		catch (InvalidRequestException ex) {
			return ex;
		}
		throw new AssertionError("expected " + name + "=" + value + " to be refused");
	}

	private DynamicMessage build(String path, String body, Map<String, String> variables,
			MultiValueMap<String, String> query, String json) {
		return this.messages.build(binding(path, body), variables, query, json, 4 * 1024 * 1024);
	}

	private static HttpBinding binding(String path, String body) {
		return HttpBinding.of(HttpRule.newBuilder().setGet(path).setBody(body).build(), GET);
	}

	private static com.google.protobuf.Descriptors.FieldDescriptor field(String name) {
		return GET.getInputType().findFieldByName(name);
	}

	private static FileDescriptor file() {
		FieldDescriptorProto.Label optional = FieldDescriptorProto.Label.LABEL_OPTIONAL;
		DescriptorProto inner = DescriptorProto.newBuilder()
			.setName("Inner")
			.addField(FieldDescriptorProto.newBuilder()
				.setName("flag")
				.setNumber(1)
				.setLabel(optional)
				.setType(FieldDescriptorProto.Type.TYPE_BOOL))
			.addField(FieldDescriptorProto.newBuilder()
				.setName("kind")
				.setNumber(2)
				.setLabel(optional)
				.setType(FieldDescriptorProto.Type.TYPE_ENUM)
				.setTypeName(".test.Kind"))
			.build();
		DescriptorProto thing = DescriptorProto.newBuilder()
			.setName("Thing")
			.addField(FieldDescriptorProto.newBuilder()
				.setName("id")
				.setNumber(1)
				.setLabel(optional)
				.setType(FieldDescriptorProto.Type.TYPE_INT64))
			.addField(FieldDescriptorProto.newBuilder()
				.setName("tags")
				.setNumber(2)
				.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
				.setType(FieldDescriptorProto.Type.TYPE_STRING))
			.addField(FieldDescriptorProto.newBuilder()
				.setName("inner")
				.setNumber(3)
				.setLabel(optional)
				.setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
				.setTypeName(".test.Inner"))
			.addField(FieldDescriptorProto.newBuilder()
				.setName("since")
				.setNumber(4)
				.setLabel(optional)
				.setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
				.setTypeName(".google.protobuf.Timestamp"))
			.build();
		FileDescriptorProto proto = FileDescriptorProto.newBuilder()
			.setName("test/things.proto")
			.setPackage("test")
			.setSyntax("proto3")
			.addDependency("google/protobuf/timestamp.proto")
			.addMessageType(inner)
			.addMessageType(thing)
			.addEnumType(EnumDescriptorProto.newBuilder()
				.setName("Kind")
				.addValue(EnumValueDescriptorProto.newBuilder().setName("KIND_UNSPECIFIED").setNumber(0))
				.addValue(EnumValueDescriptorProto.newBuilder().setName("KIND_BIG").setNumber(1)))
			.addService(ServiceDescriptorProto.newBuilder()
				.setName("Things")
				.addMethod(MethodDescriptorProto.newBuilder()
					.setName("Get")
					.setInputType(".test.Thing")
					.setOutputType(".test.Thing")))
			.build();
		try {
			return FileDescriptor.buildFrom(proto, new FileDescriptor[] { TimestampProto.getDescriptor() });
		}
		catch (com.google.protobuf.Descriptors.DescriptorValidationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
