package dev.streamcart.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void framesWithMagicByteAndBigEndianSchemaId() {
        // an Avro int is zig-zag encoded: 21 -> 42
        byte[] framed = ConfluentWireFormat.encode(258, new GenericDatumWriter<Integer>(Schema.create(Schema.Type.INT)), 21,
                "an int");
        assertThat(framed).containsExactly(0, 0, 0, 1, 2, 42);
        assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(258);
    }

    @Test
    void rejectsBytesThatAreNotInTheWireFormat() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {1, 0, 0, 0, 1}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 1}))
                .isInstanceOf(SerializationException.class);
    }
}
