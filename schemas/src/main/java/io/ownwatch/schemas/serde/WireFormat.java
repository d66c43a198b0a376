package io.ownwatch.schemas.serde;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/** Confluent's framing of one Avro datum: magic byte, big-endian schema id, then the Avro binary body. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0x0;
    static final int ID_SIZE = 4;
    static final int HEADER_SIZE = 1 + ID_SIZE;

    private WireFormat() {
    }

    static String subject(String topic, boolean isKey) {
        // Confluent's default TopicNameStrategy.
        return topic + (isKey ? "-key" : "-value");
    }

    /** A generic model that knows the standard logical types, e.g. timestamp-millis as {@code Instant}. */
    static GenericData genericDataWithLogicalTypes() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }
}
