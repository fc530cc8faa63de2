package io.github.bffsuite.edge.grpc.transcoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TypeRegistry;
import io.grpc.ManagedChannel;
import org.jspecify.annotations.Nullable;

/**
 * One gRPC service behind the gateway: its channel, its settings and the HTTP bindings of
 * the methods it serves.
 */
public final class GrpcBackend {

	private final String name;

	private final EdgeGrpcProperties.Service settings;

	private final ManagedChannel channel;

	private final List<HttpBinding> bindings;

	private final TypeRegistry typeRegistry;

	GrpcBackend(String name, EdgeGrpcProperties.Service settings, ManagedChannel channel, List<FileDescriptor> files) {
		this.name = name;
		this.settings = settings;
		this.channel = channel;
		this.bindings = bindings(files);
		TypeRegistry.Builder types = TypeRegistry.newBuilder();
		files.forEach((file) -> types.add(file.getMessageTypes()));
		this.typeRegistry = types.build();
	}

	private static List<HttpBinding> bindings(List<FileDescriptor> files) {
		List<HttpBinding> bindings = new ArrayList<>();
		for (FileDescriptor file : files) {
			for (ServiceDescriptor service : file.getServices()) {
				for (MethodDescriptor method : service.getMethods()) {
					if (method.isClientStreaming() || !method.getOptions().hasExtension(AnnotationsProto.http)) {
						continue;
					}
					HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
					bindings.add(HttpBinding.of(rule, method));
					rule.getAdditionalBindingsList()
						.forEach((additional) -> bindings.add(HttpBinding.of(additional, method)));
				}
			}
		}
		bindings.sort(Comparator.comparingInt((HttpBinding binding) -> binding.template().specificity()).reversed());
		return List.copyOf(bindings);
	}

	/**
	 * Find the binding of a request.
	 * @param httpMethod the request's method
	 * @param path the request's raw path
	 * @return the match, or {@code null} when no binding's template matches the path
	 */
	@Nullable Match match(String httpMethod, String path) {
		Match pathOnly = null;
		for (HttpBinding binding : this.bindings) {
			Map<String, String> variables = binding.template().match(path);
			if (variables != null) {
				if (binding.httpMethod().equals(httpMethod)) {
					return new Match(binding, variables);
				}
				if (pathOnly == null) {
					pathOnly = new Match(null, variables);
				}
			}
		}
		return pathOnly;
	}

	/**
	 * Return the name of the service, as the route filter names it.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the HTTP bindings of the service's methods, most specific first.
	 * @return the bindings
	 */
	public List<HttpBinding> bindings() {
		return this.bindings;
	}

	EdgeGrpcProperties.Service settings() {
		return this.settings;
	}

	/**
	 * Return the service's channel, shared by every caller of the service (the
	 * transcoding and application code with generated stubs); shut down with the context.
	 * @return the channel
	 */
	public ManagedChannel channel() {
		return this.channel;
	}

	TypeRegistry typeRegistry() {
		return this.typeRegistry;
	}

	int maxMessageSize() {
		return (int) Math.min(Integer.MAX_VALUE, this.settings.getMaxMessageSize().toBytes());
	}

	/**
	 * A request's binding.
	 *
	 * @param binding the binding, {@code null} when a template matches the path but for
	 * another HTTP method
	 * @param variables the path variables by field path
	 */
	record Match(@Nullable HttpBinding binding, Map<String, String> variables) {

	}

}
