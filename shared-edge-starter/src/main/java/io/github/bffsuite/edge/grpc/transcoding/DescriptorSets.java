package io.github.bffsuite.edge.grpc.transcoding;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.api.AnnotationsProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.ExtensionRegistry;

import org.springframework.core.io.Resource;

/**
 * Reads a {@code FileDescriptorSet} (as {@code protoc --include_imports
 * --descriptor_set_out} writes it) into linked file descriptors, keeping the
 * {@code google.api.http} options.
 */
final class DescriptorSets {

	private DescriptorSets() {
	}

	/**
	 * Read the files of a descriptor set.
	 * @param resource the descriptor set
	 * @return every file of the set, linked to its dependencies
	 * @throws IllegalStateException when the set cannot be read or is not complete
	 */
	static List<FileDescriptor> read(Resource resource) {
		ExtensionRegistry registry = ExtensionRegistry.newInstance();
		AnnotationsProto.registerAllExtensions(registry);
		FileDescriptorSet set;
		try (InputStream in = resource.getInputStream()) {
			set = FileDescriptorSet.parseFrom(in, registry);
		}
		catch (IOException ex) {
			throw new IllegalStateException("gRPC descriptor set " + resource + " cannot be read", ex);
		}
		Map<String, FileDescriptorProto> protos = new HashMap<>();
		set.getFileList().forEach((file) -> protos.put(file.getName(), file));
		Map<String, FileDescriptor> built = new HashMap<>();
		List<FileDescriptor> files = new ArrayList<>();
		for (FileDescriptorProto proto : set.getFileList()) {
			files.add(build(proto, protos, built, resource));
		}
		return files;
	}

	private static FileDescriptor build(FileDescriptorProto proto, Map<String, FileDescriptorProto> protos,
			Map<String, FileDescriptor> built, Resource resource) {
		FileDescriptor done = built.get(proto.getName());
		if (done != null) {
			return done;
		}
		List<FileDescriptor> dependencies = new ArrayList<>();
		for (String dependency : proto.getDependencyList()) {
			FileDescriptorProto dependencyProto = protos.get(dependency);
			if (dependencyProto == null) {
				throw new IllegalStateException("gRPC descriptor set " + resource + " lacks " + dependency + ", which "
						+ proto.getName() + " imports: write it with protoc --include_imports");
			}
			dependencies.add(build(dependencyProto, protos, built, resource));
		}
		try {
			FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
			built.put(proto.getName(), file);
			return file;
		}
		catch (DescriptorValidationException ex) {
			throw new IllegalStateException("gRPC descriptor set " + resource + ": " + ex.getMessage(), ex);
		}
	}

}
