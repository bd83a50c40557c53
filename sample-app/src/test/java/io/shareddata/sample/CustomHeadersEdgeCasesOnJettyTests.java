package io.shareddata.sample;

import org.springframework.context.annotation.Import;

/**
 * {@link CustomHeadersEdgeCasesTests} on embedded Jetty, which commits responses in its own
 * ways. The build runs it on a classpath without Tomcat (see the surefire executions in
 * {@code pom.xml}).
 */
@Import(CustomHeadersEdgeCasesTests.HeadersEdgeCases.class)
class CustomHeadersEdgeCasesOnJettyTests extends CustomHeadersEdgeCasesTests {

}
