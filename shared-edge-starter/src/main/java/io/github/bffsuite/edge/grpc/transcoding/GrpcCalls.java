package io.github.bffsuite.edge.grpc.transcoding;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * gRPC calls with {@link DynamicMessage}s as Reactor publishers: the calls are
 * asynchronous (nothing blocks an event loop), a cancelled subscription cancels the call,
 * and a stream asks the service for messages only as the subscriber asks for them.
 */
final class GrpcCalls {

	private static final String CANCELLED = "The HTTP client went away";

	private GrpcCalls() {
	}

	/**
	 * Describe a method for calls with dynamic messages.
	 * @param method the method's descriptor
	 * @return the gRPC method
	 */
	static MethodDescriptor<DynamicMessage, DynamicMessage> method(
			com.google.protobuf.Descriptors.MethodDescriptor method) {
		return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
			.setType(method.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING
					: MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(
					MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
			.setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
			.setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
			.build();
	}

	static Mono<DynamicMessage> unary(Channel channel, MethodDescriptor<DynamicMessage, DynamicMessage> method,
			CallOptions options, Metadata headers, DynamicMessage request) {
		return Mono.create((sink) -> {
			ClientCall<DynamicMessage, DynamicMessage> call = newCall(channel, method, options, headers);
			sink.onCancel(() -> call.cancel(CANCELLED, null));
			ClientCalls.asyncUnaryCall(call, request, new StreamObserver<>() {

				@Override
				public void onNext(DynamicMessage value) {
					sink.success(value);
				}

				@Override
				public void onError(Throwable ex) {
					sink.error(ex);
				}

				@Override
				public void onCompleted() {
					sink.success();
				}

			});
		});
	}

	static Flux<DynamicMessage> serverStreaming(Channel channel,
			MethodDescriptor<DynamicMessage, DynamicMessage> method, CallOptions options, Metadata headers,
			DynamicMessage request) {
		return Flux.create((sink) -> {
			ClientCall<DynamicMessage, DynamicMessage> call = newCall(channel, method, options, headers);
			ClientCalls.asyncServerStreamingCall(call, request,
					new ClientResponseObserver<DynamicMessage, DynamicMessage>() {

						@Override
						public void beforeStart(ClientCallStreamObserver<DynamicMessage> requestStream) {
							// flow control: the subscriber's demand, not the stub, asks
							// for messages
							requestStream.disableAutoRequestWithInitial(0);
						}

						@Override
						public void onNext(DynamicMessage value) {
							sink.next(value);
						}

						@Override
						public void onError(Throwable ex) {
							sink.error(ex);
						}

						@Override
						public void onCompleted() {
							sink.complete();
						}

					});
			// after the start: a call asked for messages before it started fails
			sink.onRequest((n) -> call.request((int) Math.min(n, Integer.MAX_VALUE)));
			sink.onCancel(() -> call.cancel(CANCELLED, null));
		}, FluxSink.OverflowStrategy.BUFFER);
	}

	private static ClientCall<DynamicMessage, DynamicMessage> newCall(Channel channel,
			MethodDescriptor<DynamicMessage, DynamicMessage> method, CallOptions options, Metadata headers) {
		return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers))
			.newCall(method, options);
	}

}
