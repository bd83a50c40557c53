package io.shareddata.sample;

import org.springframework.context.annotation.Import;

/**
 * {@link RequestLoggingEdgeCasesTests} on embedded Jetty, which ends async requests, renders
 * error pages and reports client aborts in its own ways. The build runs it on a classpath
 * without Tomcat (see the surefire executions in {@code pom.xml}).
 */
@Import(RequestLoggingEdgeCasesTests.EdgeCases.class)
class RequestLoggingEdgeCasesOnJettyTests extends RequestLoggingEdgeCasesTests {

}
