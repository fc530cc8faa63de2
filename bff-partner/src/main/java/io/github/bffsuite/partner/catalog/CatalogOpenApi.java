package io.github.bffsuite.partner.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import io.github.bffsuite.edge.grpc.transcoding.GrpcBackend;
import io.github.bffsuite.edge.grpc.transcoding.HttpBinding;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Describes the transcoded catalogue in the v2 document, from the same HTTP rules the
 * gateway routes by: one operation per binding, path parameters from the template, query
 * parameters from the request message's fields (nested ones dotted), the JSON body and
 * the answer as schemas of the messages in the proto3 JSON mapping, streams as
 * {@code text/event-stream} or {@code application/x-ndjson}, and the problems a call can
 * end with.
 */
public class CatalogOpenApi implements OpenApiCustomizer {

	private static final String TAG = "Catalog (gRPC)";

	private static final Map<Integer, String> PROBLEMS = new TreeMap<>(Map.of(400,
			"The request does not fit the gRPC request message, or the service refused a field: `errors` "
					+ "names each field (type validation-failed)",
			401, "Missing or invalid credentials", 403, "The credentials do not grant products:read", 404,
			"No such product (`resource` names it)", 429, "A rate limit policy is exhausted", 502,
			"product-service failed (type bad-gateway)", 503, "product-service is not available", 504,
			"product-service did not answer in time"));

	private final @Nullable GrpcBackend backend;

	public CatalogOpenApi(@Nullable GrpcBackend backend) {
		this.backend = backend;
	}

	@Override
	public void customise(OpenAPI openApi) {
		if (this.backend == null) {
			return;
		}
		if (openApi.getPaths() == null) {
			openApi.setPaths(new Paths());
		}
		Map<String, Integer> seen = new TreeMap<>();
		for (HttpBinding binding : this.backend.bindings()) {
			String path = CatalogRoutes.publicPath(binding);
			PathItem item = openApi.getPaths().computeIfAbsent(path, (key) -> new PathItem());
			String name = binding.method().getName();
			int count = seen.merge(name, 1, Integer::sum);
			Operation operation = operation(binding, (count == 1) ? name : name + count, openApi);
			item.operation(PathItem.HttpMethod.valueOf(binding.httpMethod()), operation);
		}
	}

	private Operation operation(HttpBinding binding, String operationId, OpenAPI openApi) {
		MethodDescriptor method = binding.method();
		Operation operation = new Operation().operationId("catalog" + operationId)
			.addTagsItem(TAG)
			.summary(comment(method))
			.description("Transcoded to gRPC " + method.getService().getFullName() + "/" + method.getName()
					+ " (HTTP rule " + binding.httpMethod() + " " + binding.path() + ").");
		Set<String> bound = new java.util.HashSet<>(binding.template().variables());
		for (String variable : binding.template().variables()) {
			operation.addParametersItem(new Parameter().in("path")
				.name(CatalogRoutes.parameterName(variable))
				.required(true)
				.description("Sets `" + variable + "`"
						+ (binding.path().contains("{" + variable + "=")
								? " to the resource name made of the literal segments and this value" : ""))
				.schema(new StringSchema()));
		}
		Descriptor input = method.getInputType();
		if (binding.body().isEmpty()) {
			queryParameters(operation, input, "", bound);
		}
		else {
			Schema<?> body = binding.body().equals("*") ? schema(input, openApi)
					: fieldSchema(input.findFieldByName(binding.body()), openApi);
			operation.requestBody(new RequestBody().required(true)
				.content(new Content().addMediaType("application/json", new MediaType().schema(body))));
			if (!binding.body().equals("*")) {
				for (FieldDescriptor field : input.getFields()) {
					if (!field.getName().equals(binding.body()) && !bound.contains(field.getName())) {
						queryParameters(operation, field, "", bound);
					}
				}
			}
		}
		Schema<?> answer = schema(method.getOutputType(), openApi);
		Content content = new Content();
		if (method.isServerStreaming()) {
			content.addMediaType("text/event-stream", new MediaType().schema(answer))
				.addMediaType("application/x-ndjson", new MediaType().schema(answer));
		}
		else {
			content.addMediaType("application/json", new MediaType().schema(answer));
		}
		ApiResponses responses = new ApiResponses().addApiResponse("200",
				new ApiResponse().description(method.isServerStreaming()
						? "Each message as a server-sent event (an `error` event ends a failed stream), or "
								+ "as one JSON line with Accept: application/x-ndjson"
						: method.getOutputType().getName() + " in the proto3 JSON mapping")
					.content(content));
		PROBLEMS.forEach((status, description) -> responses.addApiResponse(Integer.toString(status),
				new ApiResponse().description(description)
					.content(new Content().addMediaType("application/problem+json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))))));
		return operation.responses(responses);
	}

	private void queryParameters(Operation operation, Descriptor type, String prefix, Set<String> bound) {
		for (FieldDescriptor field : type.getFields()) {
			queryParameters(operation, field, prefix, bound);
		}
	}

	private void queryParameters(Operation operation, FieldDescriptor field, String prefix, Set<String> bound) {
		String name = prefix + field.getJsonName();
		if (bound.contains(prefix + field.getName())) {
			return;
		}
		if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
			if (!field.isRepeated() && prefix.isEmpty()) {
				queryParameters(operation, field.getMessageType(), name + ".", bound);
			}
			return;
		}
		Schema<?> schema = scalar(field);
		operation.addParametersItem(new Parameter().in("query")
			.name(name)
			.required(false)
			.description(comment(field))
			.schema(field.isRepeated() ? new ArraySchema().items(schema) : schema));
	}

	private Schema<?> schema(Descriptor type, OpenAPI openApi) {
		String name = type.getFullName();
		if (openApi.getComponents().getSchemas() == null || !openApi.getComponents().getSchemas().containsKey(name)) {
			ObjectSchema schema = new ObjectSchema();
			schema.description(comment(type));
			// registered before its fields: a message may contain itself
			openApi.getComponents().addSchemas(name, schema);
			for (FieldDescriptor field : type.getFields()) {
				schema.addProperty(field.getJsonName(), fieldSchema(field, openApi));
			}
		}
		return new Schema<>().$ref("#/components/schemas/" + name);
	}

	private Schema<?> fieldSchema(FieldDescriptor field, OpenAPI openApi) {
		Schema<?> one = (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE)
				? schema(field.getMessageType(), openApi) : scalar(field);
		if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
			one.description(comment(field));
		}
		return field.isRepeated() ? new ArraySchema().items(one) : one;
	}

	private static Schema<?> scalar(FieldDescriptor field) {
		return switch (field.getJavaType()) {
			case INT -> new IntegerSchema().format("int32");
			// proto3 JSON writes 64-bit integers as strings
			case LONG -> new StringSchema().format("int64");
			case FLOAT, DOUBLE -> new NumberSchema();
			case BOOLEAN -> new BooleanSchema();
			case BYTE_STRING -> new StringSchema().format("byte");
			case ENUM -> {
				List<String> values = new ArrayList<>();
				field.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).forEach(values::add);
				StringSchema schema = new StringSchema();
				schema.setEnum(values);
				yield schema;
			}
			default -> new StringSchema();
		};
	}

	private static @Nullable String comment(MethodDescriptor method) {
		return comment(method.getFile().toProto().getSourceCodeInfo(), method.getService().getIndex(), 6, 2,
				method.getIndex());
	}

	private static @Nullable String comment(Descriptor type) {
		return (type.getContainingType() == null)
				? comment(type.getFile().toProto().getSourceCodeInfo(), type.getIndex(), 4) : null;
	}

	private static @Nullable String comment(FieldDescriptor field) {
		Descriptor type = field.getContainingType();
		return (type.getContainingType() == null)
				? comment(type.getFile().toProto().getSourceCodeInfo(), type.getIndex(), 4, 2, field.getIndex()) : null;
	}

	/**
	 * Return the leading comment of an element of a file, found by its path in the
	 * descriptor ({@code 4, i} is the i-th message, {@code 6, i, 2, j} the j-th method of
	 * the i-th service).
	 */
	private static @Nullable String comment(SourceCodeInfo info, int index, int kind, int... rest) {
		List<Integer> path = new ArrayList<>(List.of(kind, index));
		for (int part : rest) {
			path.add(part);
		}
		return info.getLocationList()
			.stream()
			.filter((location) -> location.getPathList().equals(path))
			.map((location) -> location.getLeadingComments().strip().replace('\n', ' '))
			.filter((comment) -> !comment.isEmpty())
			.findFirst()
			.orElse(null);
	}

}
