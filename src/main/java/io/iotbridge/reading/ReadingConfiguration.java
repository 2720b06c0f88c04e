package io.iotbridge.reading;

import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;

/** The canonical reading's codec, one for the routes and every package that reads or writes readings. */
@Configuration
public class ReadingConfiguration {

    @BindToRegistry
    public ReadingJson readingJson() {
        return new ReadingJson();
    }
}
