package io.github.bffsuite.edge.grpc.transcoding;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

/**
 * Builds the request message of a gRPC method from an HTTP request as the binding says:
 * the JSON body (proto3 JSON mapping) into the whole message ({@code body: "*"}) or into
 * one field, then the query parameters into the fields that neither the path nor the body
 * sets, then the path variables. A value that does not fit its field is an
 * {@link InvalidRequestException} naming the field as the client wrote it.
 */
final class RequestMessages {

	private static final String BODY = "body";

	private static final Set<String> WELL_KNOWN_PACKAGES = Set.of("google.protobuf");

	private final JsonFormat.Parser parser;

	private final boolean rejectUnknownQueryParameters;

	RequestMessages(JsonFormat.Parser parser, boolean rejectUnknownQueryParameters) {
		this.parser = parser;
		this.rejectUnknownQueryParameters = rejectUnknownQueryParameters;
	}

	/**
	 * Build a request message.
	 * @param binding the binding of the request
	 * @param variables the path variables by field path
	 * @param query the query parameters
	 * @param body the JSON body, {@code null} or empty when there is none
	 * @param maxMessageSize the largest message the service accepts, in bytes
	 * @return the message
	 * @throws InvalidRequestException when a value does not fit its field
	 */
	DynamicMessage build(HttpBinding binding, Map<String, String> variables, MultiValueMap<String, String> query,
			@Nullable String body, int maxMessageSize) {
		Descriptor type = binding.method().getInputType();
		DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
		if (!binding.body().isEmpty() && body != null && !body.isBlank()) {
			mergeBody(builder, binding.body(), body);
		}
		if (!binding.body().equals("*")) {
			query.forEach((name, values) -> {
				if (!variables.containsKey(name) && !values.isEmpty()) {
					setQueryParameter(builder, binding, name, values);
				}
			});
		}
		variables.forEach((path, value) -> set(builder, path, path.split("\\."), 0, List.of(value), true));
		DynamicMessage message = builder.build();
		int size = message.getSerializedSize();
		if (size > maxMessageSize) {
			String field = binding.body().isEmpty() ? "query" : (binding.body().equals("*") ? BODY : binding.body());
			throw new InvalidRequestException(field, "makes a request message of " + size
					+ " bytes, more than the service accepts (" + maxMessageSize + " bytes)");
		}
		return message;
	}

	private void mergeBody(DynamicMessage.Builder builder, String bodyField, String body) {
		JsonElement tree;
		try {
			tree = JsonParser.parseString(body);
		}
		catch (JsonParseException ex) {
			throw new InvalidRequestException(BODY, "is not valid JSON");
		}
		JsonObject root;
		if (bodyField.equals("*")) {
			if (!tree.isJsonObject()) {
				throw new InvalidRequestException(BODY, "must be a JSON object");
			}
			root = tree.getAsJsonObject();
		}
		else {
			FieldDescriptor field = builder.getDescriptorForType().findFieldByName(bodyField);
			if (field == null) {
				throw new IllegalStateException("HTTP rule body '" + bodyField + "' names no field of "
						+ builder.getDescriptorForType().getFullName());
			}
			root = new JsonObject();
			// the named field's members are named from the message:
			// filter.minAvailability
			root.add(field.getJsonName(), tree);
		}
		try {
			this.parser.merge(root.toString(), builder);
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			throw diagnose(root, builder.getDescriptorForType(), "")
				.orElseGet(() -> new InvalidRequestException(BODY, "does not fit the request message"));
		}
	}

	/**
	 * Find the member of a JSON object that the parser refused, descending into nested
	 * objects and arrays, by parsing each member on its own.
	 */
	private Optional<InvalidRequestException> diagnose(JsonObject object, Descriptor type, String prefix) {
		for (Map.Entry<String, JsonElement> member : object.entrySet()) {
			String path = prefix + member.getKey();
			FieldDescriptor field = findField(type, member.getKey());
			if (field == null) {
				return Optional.of(new InvalidRequestException(path, "is not a field of " + type.getName()));
			}
			JsonObject single = new JsonObject();
			single.add(member.getKey(), member.getValue());
			if (parses(single, type)) {
				continue;
			}
			JsonElement value = member.getValue();
			if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()
					&& !isWellKnown(field.getMessageType())) {
				if (!field.isRepeated() && value.isJsonObject()) {
					Optional<InvalidRequestException> inner = diagnose(value.getAsJsonObject(), field.getMessageType(),
							path + ".");
					if (inner.isPresent()) {
						return inner;
					}
				}
				if (field.isRepeated() && value.isJsonArray()) {
					JsonArray array = value.getAsJsonArray();
					for (int i = 0; i < array.size(); i++) {
						if (array.get(i).isJsonObject()) {
							Optional<InvalidRequestException> inner = diagnose(array.get(i).getAsJsonObject(),
									field.getMessageType(), path + "[" + i + "].");
							if (inner.isPresent()) {
								return inner;
							}
						}
					}
				}
			}
			return Optional.of(new InvalidRequestException(path, expectation(field)));
		}
		return Optional.empty();
	}

	private boolean parses(JsonObject json, Descriptor type) {
		try {
			this.parser.merge(json.toString(), DynamicMessage.newBuilder(type));
			return true;
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			return false;
		}
	}

	private void setQueryParameter(DynamicMessage.Builder builder, HttpBinding binding, String name,
			List<String> values) {
		String[] path = name.split("\\.");
		FieldDescriptor first = findField(builder.getDescriptorForType(), path[0]);
		if (first != null && first.getName().equals(binding.body())) {
			// the body sets that field
			return;
		}
		set(builder, name, path, 0, values, false);
	}

	private void set(Message.Builder builder, String name, String[] path, int index, List<String> values,
			boolean pathVariable) {
		Descriptor type = builder.getDescriptorForType();
		FieldDescriptor field = findField(type, path[index]);
		if (field == null || field.isMapField()) {
			if (pathVariable) {
				throw new IllegalStateException(
						"HTTP rule variable '" + name + "' names no field of " + type.getFullName());
			}
			if (this.rejectUnknownQueryParameters) {
				throw new InvalidRequestException(name, "is not a parameter of this operation");
			}
			return;
		}
		if (index < path.length - 1) {
			if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isRepeated()) {
				throw new InvalidRequestException(name, "is not a parameter of this operation");
			}
			DynamicMessage.Builder child = DynamicMessage.newBuilder(field.getMessageType());
			if (builder.hasField(field)) {
				child.mergeFrom((Message) builder.getField(field));
			}
			set(child, name, path, index + 1, values, pathVariable);
			builder.setField(field, child.build());
			return;
		}
		if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !isWellKnown(field.getMessageType())) {
			throw new InvalidRequestException(name, "is a message: set its fields, such as " + name + "."
					+ field.getMessageType().getFields().get(0).getName());
		}
		if (field.isRepeated()) {
			builder.clearField(field);
			for (String value : values) {
				builder.addRepeatedField(field, value(field, name, value));
			}
		}
		else {
			builder.setField(field, value(field, name, values.get(values.size() - 1)));
		}
	}

	private Object value(FieldDescriptor field, String name, String raw) {
		try {
			return switch (field.getType()) {
				case INT32, SINT32, SFIXED32 -> Integer.parseInt(raw);
				case UINT32, FIXED32 -> Integer.parseUnsignedInt(raw);
				case INT64, SINT64, SFIXED64 -> Long.parseLong(raw);
				case UINT64, FIXED64 -> Long.parseUnsignedLong(raw);
				case FLOAT -> Float.parseFloat(raw);
				case DOUBLE -> Double.parseDouble(raw);
				case BOOL -> bool(raw);
				case STRING -> raw;
				case BYTES -> ByteString.copyFrom(decodeBase64(raw));
				case ENUM -> enumValue(field, raw);
				case MESSAGE, GROUP -> wellKnown(field, raw);
			};
		}
		catch (IllegalArgumentException | InvalidProtocolBufferException ex) {
			throw new InvalidRequestException(name, expectation(field));
		}
	}

	private static boolean bool(String raw) {
		if (raw.equals("true")) {
			return true;
		}
		if (raw.equals("false")) {
			return false;
		}
		throw new IllegalArgumentException(raw);
	}

	private static byte[] decodeBase64(String raw) {
		return (raw.indexOf('-') >= 0 || raw.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(raw)
				: Base64.getDecoder().decode(raw);
	}

	private static EnumValueDescriptor enumValue(FieldDescriptor field, String raw) {
		EnumValueDescriptor value = field.getEnumType().findValueByName(raw);
		if (value == null && raw.matches("-?[0-9]{1,10}")) {
			value = field.getEnumType().findValueByNumber(Integer.parseInt(raw));
		}
		if (value == null) {
			throw new IllegalArgumentException(raw);
		}
		return value;
	}

	private Message wellKnown(FieldDescriptor field, String raw) throws InvalidProtocolBufferException {
		DynamicMessage.Builder builder = DynamicMessage.newBuilder(field.getMessageType());
		this.parser.merge(new JsonPrimitive(raw).toString(), builder);
		return builder.build();
	}

	private static String expectation(FieldDescriptor field) {
		String one = switch (field.getType()) {
			case INT32, SINT32, SFIXED32 -> "a whole number (int32)";
			case UINT32, FIXED32 -> "a non-negative whole number (uint32)";
			case INT64, SINT64, SFIXED64 -> "a whole number (int64)";
			case UINT64, FIXED64 -> "a non-negative whole number (uint64)";
			case FLOAT, DOUBLE -> "a number";
			case BOOL -> "true or false";
			case STRING -> "a string";
			case BYTES -> "base64 data";
			case ENUM ->
				"one of " + field.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).toList();
			case MESSAGE, GROUP -> isWellKnown(field.getMessageType())
					? "a " + field.getMessageType().getName() + " in its JSON form" : "an object";
		};
		return field.isRepeated() ? "must be a list of " + one : "must be " + one;
	}

	private static @Nullable FieldDescriptor findField(Descriptor type, String name) {
		FieldDescriptor field = type.findFieldByName(name);
		if (field != null) {
			return field;
		}
		for (FieldDescriptor candidate : type.getFields()) {
			if (candidate.getJsonName().equals(name)) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean isWellKnown(Descriptor type) {
		return WELL_KNOWN_PACKAGES.contains(type.getFile().getPackage());
	}

}
