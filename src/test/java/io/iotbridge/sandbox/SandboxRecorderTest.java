package io.iotbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxRecorderTest {

    @Test
    void keepsTheNewestDocumentsOfEachErpInArrivalOrder() {
        SandboxRecorder recorder = new SandboxRecorder();
        int extra = 5;
        for (int i = 0; i < SandboxRecorder.KEPT + extra; i++) {
            recorder.record(new SandboxRecord("sap-b1", "meter", "k" + i, Instant.EPOCH, List.of(), ""));
        }
        recorder.record(new SandboxRecord("infor", "meter", "only", Instant.EPOCH, List.of(), ""));

        List<SandboxRecord> sap = recorder.documents("sap-b1");
        assertThat(sap).hasSize(SandboxRecorder.KEPT);
        assertThat(sap.get(0).key()).isEqualTo("k" + extra);
        assertThat(sap.get(sap.size() - 1).key()).isEqualTo("k" + (SandboxRecorder.KEPT + extra - 1));
        assertThat(recorder.documents("infor")).extracting(SandboxRecord::key).containsExactly("only");
        assertThat(recorder.documents("dynamics365")).isEmpty();
    }
}
