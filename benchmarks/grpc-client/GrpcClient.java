import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import com.google.protobuf.UnknownFieldSet;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RequestInfo;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

/**
 * A tiny gRPC client for bff-partner's gRPC pass-through (run by grpc-client.sh): the
 * standard health check and its server-streaming watch, and a unary call of any method
 * with a string as its request's field 1, its answer printed by field number (no
 * generated code, no descriptors). It prints the answer's metadata (the rate-limit
 * figures) and, for an error, the status with its google.rpc details.
 */
public final class GrpcClient {

	private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	};

	public static void main(String[] args) throws Exception {
		String target = "localhost:8082";
		boolean tls = false;
		String ca = null;
		Duration deadline = Duration.ofSeconds(10);
		Metadata metadata = new Metadata();
		List<String> command = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--target" -> target = args[++i];
				case "--api-key" -> metadata.put(key("x-api-key"), args[++i]);
				case "--token" -> metadata.put(key("authorization"), "Bearer " + args[++i]);
				case "--tls" -> tls = true;
				case "--ca" -> ca = args[++i];
				case "--deadline" -> deadline = Duration.parse("PT" + args[++i].toUpperCase());
				case "-H" -> {
					String header = args[++i];
					int colon = header.indexOf(':');
					metadata.put(key(header.substring(0, colon).trim()), header.substring(colon + 1).trim());
				}
				default -> command.add(args[i]);
			}
		}
		if (command.isEmpty()) {
			System.err.println("usage: grpc-client.sh [--target host:port] [--api-key KEY | --token JWT] "
					+ "[--tls [--ca ca.crt]] [-H name:value] health [service] | watch [service] "
					+ "| call <package.Service/Method> [string field 1]");
			System.exit(2);
		}
		int colon = target.lastIndexOf(':');
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress(target.substring(0, colon),
				Integer.parseInt(target.substring(colon + 1)));
		if (tls) {
			builder.sslContext((ca != null) ? GrpcSslContexts.forClient().trustManager(new File(ca)).build()
					: GrpcSslContexts.forClient().build());
		}
		else {
			// h2c with prior knowledge, as the gateway's port accepts beside HTTP/1.1
			builder.usePlaintext();
		}
		ManagedChannel channel = builder.build();
		AtomicReference<Metadata> headers = new AtomicReference<>();
		AtomicReference<Metadata> trailers = new AtomicReference<>();
		Channel caller = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata),
				MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
		CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
		int exit = 0;
		try {
			String argument = (command.size() > 1) ? command.get(1) : "";
			switch (command.get(0)) {
				case "health" -> {
					HealthCheckResponse answer = ClientCalls.blockingUnaryCall(caller, HealthGrpc.getCheckMethod(),
							options, HealthCheckRequest.newBuilder().setService(argument).build());
					System.out.println("status: " + answer.getStatus());
				}
				case "watch" -> {
					Iterator<HealthCheckResponse> answers = ClientCalls.blockingServerStreamingCall(caller,
							HealthGrpc.getWatchMethod(), CallOptions.DEFAULT,
							HealthCheckRequest.newBuilder().setService(argument).build());
					answers.forEachRemaining((answer) -> System.out.println("status: " + answer.getStatus()));
				}
				case "call" -> {
					MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
						.setType(MethodDescriptor.MethodType.UNARY)
						.setFullMethodName(command.get(1))
						.setRequestMarshaller(BYTES)
						.setResponseMarshaller(BYTES)
						.build();
					String field = (command.size() > 2) ? command.get(2) : "";
					byte[] answer = ClientCalls.blockingUnaryCall(caller, method, options, stringField1(field));
					System.out.print(UnknownFieldSet.parseFrom(answer));
				}
				default -> throw new IllegalArgumentException("unknown command " + command.get(0));
			}
		}
		catch (StatusRuntimeException ex) {
			exit = 1;
			System.out.println("error: " + ex.getStatus().getCode() + " (" + ex.getStatus().getCode().value() + ") "
					+ ex.getStatus().getDescription());
			printDetails(ex);
		}
		finally {
			print("headers", headers.get());
			print("trailers", trailers.get());
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		System.exit(exit);
	}

	/** A message whose field 1 is a string (such as {@code GetProductRequest.id}). */
	private static byte[] stringField1(String value) {
		if (value.isEmpty()) {
			return new byte[0];
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0x0A); // field 1, length-delimited
		int length = bytes.length;
		while (length > 0x7F) {
			out.write((length & 0x7F) | 0x80);
			length >>>= 7;
		}
		out.write(length);
		out.writeBytes(bytes);
		return out.toByteArray();
	}

	private static void printDetails(StatusRuntimeException ex) throws InvalidProtocolBufferException {
		com.google.rpc.Status status = StatusProto.fromThrowable(ex);
		if (status == null) {
			return;
		}
		for (Any detail : status.getDetailsList()) {
			if (detail.is(ErrorInfo.class)) {
				System.out.print("ErrorInfo {\n" + indent(TextFormat.printer().printToString(detail.unpack(ErrorInfo.class))) + "}\n");
			}
			else if (detail.is(RetryInfo.class)) {
				System.out.print("RetryInfo {\n" + indent(TextFormat.printer().printToString(detail.unpack(RetryInfo.class))) + "}\n");
			}
			else if (detail.is(RequestInfo.class)) {
				System.out.print("RequestInfo {\n" + indent(TextFormat.printer().printToString(detail.unpack(RequestInfo.class))) + "}\n");
			}
			else {
				System.out.println("detail " + detail.getTypeUrl());
			}
		}
	}

	private static void print(String title, Metadata metadata) {
		if (metadata == null || metadata.keys().isEmpty()) {
			return;
		}
		System.out.println(title + ":");
		for (String name : metadata.keys()) {
			if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				byte[] value = metadata.get(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
				System.out.println("  " + name + ": " + Base64.getEncoder().withoutPadding().encodeToString(value));
			}
			else {
				System.out.println("  " + name + ": " + metadata.get(key(name)));
			}
		}
	}

	private static String indent(String text) {
		return text.indent(2);
	}

	private static Metadata.Key<String> key(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

}
