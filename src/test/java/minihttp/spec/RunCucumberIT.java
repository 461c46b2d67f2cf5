package minihttp.spec;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * The executable specification: every scenario under {@code features/}, run by Failsafe in
 * {@code mvn -B verify} against a real minihttp started in this JVM (see {@link ServerFixture}).
 * The HTML report goes to {@code target/cucumber-report.html}.
 *
 * <p>One feature, scenario or tag:
 * {@code mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RunCucumberIT
 * -Dcucumber.features=features/echo.feature[:LINE]} or {@code -Dcucumber.filter.tags=@protocol}.
 *
 * <p>As a smoke test of a server that already runs, add
 * {@code -Dminihttp.baseUrl=http://127.0.0.1:8080/}: the steps then talk to it, and scenarios
 * tagged {@code @needs-own-server} (they need flags such as a 1-second idle timeout) are skipped.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "minihttp.spec")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "pretty, html:target/cucumber-report.html")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
public class RunCucumberIT {
}
