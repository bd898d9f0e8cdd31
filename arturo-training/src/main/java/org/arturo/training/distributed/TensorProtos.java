package org.arturo.training.distributed;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;

/** {@link HostTensor} to and from the serialized {@code tensorflow.TensorProto} the master service carries. */
final class TensorProtos {
    private TensorProtos() {
    }

    static ByteString encode(HostTensor t) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : t.shape()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        // tensor_content is the values' little-endian bytes, as TensorFlow's own encoder writes them.
        ByteBuffer bytes = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(t.values());
        return TensorProto.newBuilder()
                .setDtype(DataType.DT_FLOAT)
                .setTensorShape(shape)
                .setTensorContent(ByteString.copyFrom(bytes.array()))
                .build()
                .toByteString();
    }

    static HostTensor decode(String name, ByteString encoded) {
        TensorProto proto;
        try {
            proto = TensorProto.parseFrom(encoded);
        } catch (InvalidProtocolBufferException e) {
            throw new DistributedException("fetched tensor '" + name + "' is not a TensorProto: " + e.getMessage(), e);
        }
        if (proto.getDtype() != DataType.DT_FLOAT) {
            throw new DistributedException("fetched tensor '" + name + "' is " + proto.getDtype() + ", expected DT_FLOAT");
        }
        long[] shape = new long[proto.getTensorShape().getDimCount()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = proto.getTensorShape().getDim(i).getSize();
            n *= shape[i];
        }
        float[] values = new float[Math.toIntExact(n)];
        if (!proto.getTensorContent().isEmpty()) {
            proto.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else if (proto.getFloatValCount() == 1) {
            // A tensor whose values are all equal may be sent as one float_val.
            java.util.Arrays.fill(values, proto.getFloatVal(0));
        } else if (proto.getFloatValCount() == values.length) {
            for (int i = 0; i < values.length; i++) {
                values[i] = proto.getFloatVal(i);
            }
        } else if (values.length > 0) {
            throw new DistributedException("fetched tensor '" + name + "' holds " + proto.getFloatValCount()
                    + " float_val for " + values.length + " elements");
        }
        return new HostTensor(shape, values);
    }
}
