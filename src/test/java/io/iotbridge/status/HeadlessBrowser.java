package io.iotbridge.status;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iotbridge.BridgeHarness;
import io.iotbridge.FreePorts;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (both from /usr/bin; Selenium
 * downloads nothing), signed in to a bridge's status page with the test API key. Skips the test
 * where they are not installed, unless IOTBRIDGE_REQUIRE_BROWSER=true (as in CI, whose .ci/run
 * installs them).
 */
public final class HeadlessBrowser implements AutoCloseable {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final WebDriver browser;

    private HeadlessBrowser(ChromeDriverService service, WebDriver browser) {
        this.service = service;
        this.browser = browser;
    }

    /** Skips the calling test where chromium or chromedriver is missing (fails it in CI). */
    public static void assumeInstalled() {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        String missing = "Debian's chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
        if (!installed && Boolean.parseBoolean(System.getenv("IOTBRIDGE_REQUIRE_BROWSER"))) {
            fail(missing + " and IOTBRIDGE_REQUIRE_BROWSER=true");
        }
        assumeTrue(installed, missing + "; install them to run this test");
    }

    /** A browser on the bridge's status page. */
    public static HeadlessBrowser onStatusPage(BridgeHarness bridge) {
        assumeInstalled();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingPort(FreePorts.next()).build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1000");
        ChromeDriver browser = new ChromeDriver(service, options);
        // what a browser sends once its login box has the key (any user name, the key as the password),
        // on every request of the page: Chrome does not reuse credentials given in the page's URL for
        // the page's own API calls, and a test cannot type into the login box
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("status:" + BridgeHarness.API_KEY).getBytes(StandardCharsets.UTF_8)))));
        browser.get("http://localhost:" + bridge.property("bridge.http.port") + "/");
        return new HeadlessBrowser(service, browser);
    }

    public WebDriver driver() {
        return browser;
    }

    @Override
    public void close() {
        browser.quit();
        service.stop();
    }
}
