package io.iotbridge.erp.infor;

import io.iotbridge.sandbox.infor.InforSandboxCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IonApiCredentialsTest {

    @Test
    void readsAGoodFile() throws Exception {
        IonApiCredentials c = IonApiCredentials.read(resource("infor/good.ionapi"));

        assertThat(c.tenantId()).isEqualTo("ACME_TST");
        assertThat(c.clientId()).isEqualTo("ACME_TST~test-client-id");
        assertThat(c.clientSecret()).isEqualTo("test-only-client-secret");
        assertThat(c.serviceAccountKey()).isEqualTo("ACME_TST#test-service-account-key");
        assertThat(c.serviceAccountSecret()).isEqualTo("test-only-service-account-secret");
        assertThat(c.tokenUrl()).isEqualTo("https://mingle-sso.example.invalid:443/ACME_TST/as/token.oauth2");
        assertThat(c.tenantUrl()).isEqualTo("https://mingle-ionapi.example.invalid/ACME_TST");
    }

    @Test
    void toStringNeverShowsTheSecrets() throws Exception {
        String text = IonApiCredentials.read(resource("infor/good.ionapi")).toString();

        assertThat(text).contains("ACME_TST~test-client-id")
                .doesNotContain("test-only-client-secret")
                .doesNotContain("test-only-service-account-secret");
    }

    @Test
    void aFileWithoutCiNamesTheKeyAndTheFile() throws Exception {
        Path file = resource("infor/missing-ci.ionapi");

        assertThatThrownBy(() -> IonApiCredentials.read(file))
                .isInstanceOf(IonApiFileException.class)
                .hasMessageContaining("\"ci\"")
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.ionapi");

        assertThatThrownBy(() -> IonApiCredentials.read(file))
                .isInstanceOf(IonApiFileException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void brokenJsonIsNamedWithoutQuotingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.ionapi");
        Files.writeString(file, "{\"ti\":\"T\",\"cs\":\"test-only-secret-in-broken-file\" oops}");

        assertThatThrownBy(() -> IonApiCredentials.read(file))
                .isInstanceOf(IonApiFileException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("not JSON")
                .hasMessageNotContaining("test-only-secret-in-broken-file");
    }

    @Test
    void withoutFileAndWithoutSandboxTheErrorNamesTheProperty() {
        InforCredentialsSource source = new InforCredentialsSource("", null, "");

        assertThatThrownBy(source::get).isInstanceOf(IonApiFileException.class)
                .hasMessageContaining("bridge.erp.infor.ionapi-file");
    }

    @Test
    void withoutFileTheSandboxCredentialsAreUsedAndUrlOverridesIu() {
        InforCredentialsSource source = new InforCredentialsSource("",
                () -> InforSandboxCredentials.forSandbox("127.0.0.1", 8083), "http://127.0.0.1:9999");

        assertThat(source.usesSandbox()).isTrue();
        assertThat(source.get().tenantUrl()).isEqualTo("http://127.0.0.1:9999/IOTBRIDGE_SANDBOX");
        assertThat(source.get().tokenUrl()).isEqualTo("http://127.0.0.1:8083/IOTBRIDGE_SANDBOX/as/token.oauth2");
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(IonApiCredentialsTest.class.getClassLoader().getResource(name).toURI());
    }
}
