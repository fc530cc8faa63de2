package io.github.bffsuite.product.v1;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.ExtensionRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the descriptor set that this module packs as a classpath resource.
 */
class ProductServiceDescriptorSetTests {

	private static final String RESOURCE = "META-INF/grpc/bffsuite-product-v1.desc";

	@Test
	void isSelfContainedWithItsImports() throws IOException {
		List<String> files = load().getFileList().stream().map(FileDescriptorProto::getName).toList();
		assertThat(files).contains("bffsuite/product/v1/product_service.proto", "google/api/annotations.proto",
				"google/api/http.proto", "google/protobuf/descriptor.proto");
		assertThat(files.indexOf("google/api/http.proto"))
			.isLessThan(files.indexOf("bffsuite/product/v1/product_service.proto"));
	}

	@Test
	void carriesTheHttpRulesOfEveryMethod() throws IOException {
		FileDescriptorProto file = load().getFileList()
			.stream()
			.filter((candidate) -> candidate.getPackage().equals("bffsuite.product.v1"))
			.findFirst()
			.orElseThrow();
		Map<String, HttpRule> rules = file.getService(0)
			.getMethodList()
			.stream()
			.collect(Collectors.toMap(MethodDescriptorProto::getName,
					(method) -> method.getOptions().getExtension(AnnotationsProto.http)));
		assertThat(rules.get("GetProduct").getGet()).isEqualTo("/v1/{name=products/*}");
		assertThat(rules.get("ListProducts").getGet()).isEqualTo("/v1/products");
		assertThat(rules.get("SearchProducts").getBody()).isEqualTo("*");
		assertThat(rules.get("SearchProducts").getAdditionalBindings(0).getBody()).isEqualTo("filter");
		assertThat(rules.get("WatchPrices").getGet()).isEqualTo("/v1/{name=products/*}:watchPrices");
		assertThat(ProductServiceGrpc.getWatchPricesMethod().getFullMethodName())
			.isEqualTo("bffsuite.product.v1.ProductService/WatchPrices");
	}

	private static FileDescriptorSet load() throws IOException {
		ExtensionRegistry registry = ExtensionRegistry.newInstance();
		AnnotationsProto.registerAllExtensions(registry);
		try (InputStream in = ProductServiceDescriptorSetTests.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			assertThat(in).as(RESOURCE).isNotNull();
			return FileDescriptorSet.parseFrom(in, registry);
		}
	}

}
