package io.shareddata.sample;

import org.springframework.context.annotation.Import;

/**
 * {@link RequestLoggingOnManagementPortTests} on embedded Jetty, whose management server Spring
 * Boot builds with Jetty's own child-context configuration and where a handler, not a valve,
 * finishes the lines of requests that end in an error. The build runs it on a classpath without
 * Tomcat (see the surefire executions in {@code pom.xml}).
 */
@Import(RequestLoggingOnManagementPortTests.FailingEndpointConfiguration.class)
class RequestLoggingOnManagementPortOnJettyTests extends RequestLoggingOnManagementPortTests {

}
