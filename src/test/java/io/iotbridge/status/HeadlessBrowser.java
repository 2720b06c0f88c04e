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
    private final ChromeDriver browser;

    private HeadlessBrowser(ChromeDriverService service, ChromeDriver browser) {
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

    /**
     * A browser on the bridge's status page, signed in as one whose login box has the key (any user
     * name, the key as the password): it sends that on every request of the page. A test cannot type
     * into the login box, so the header is set through the DevTools protocol.
     */
    public static HeadlessBrowser onStatusPage(BridgeHarness bridge) {
        HeadlessBrowser page = start();
        page.browser.executeCdpCommand("Network.enable", Map.of());
        page.browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("status:" + BridgeHarness.API_KEY).getBytes(StandardCharsets.UTF_8)))));
        page.browser.get("http://localhost:" + bridge.property("bridge.http.port") + "/");
        return page;
    }

    /** A browser that opened the status page with the key in its address, {@code http://status:<key>@localhost:<port>/}. */
    public static HeadlessBrowser onStatusPageWithKeyInAddress(BridgeHarness bridge) {
        HeadlessBrowser page = start();
        page.browser.get("http://status:" + BridgeHarness.API_KEY + "@localhost:" + bridge.property("bridge.http.port") + "/");
        return page;
    }

    private static HeadlessBrowser start() {
        assumeInstalled();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingPort(FreePorts.next()).build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1000");
        return new HeadlessBrowser(service, new ChromeDriver(service, options));
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
