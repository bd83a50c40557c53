package io.shareddata.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RequestLoggingFilter}: what it logs, once, for every way a request ends.
 */
class RequestLoggingFilterTests {

	private static final Pattern TEXT_DURATION = Pattern.compile(" (\\d+\\.\\d\\d)ms ");

	private CapturedLog log;

	@BeforeEach
	void captureLog() {
		this.log = CapturedLog.attach("io.shareddata.request");
	}

	@AfterEach
	void releaseLog() {
		this.log.detach();
		MDC.clear();
	}

	@Test
	void textLineHasEveryField() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.includeQuery(true).headers(List.of("User-Agent")));
		MockHttpServletRequest request = request("/hello");
		request.setQueryString("a=1");
		request.addHeader("User-Agent", "curl/8.5.0");
		request.addHeader("X-Request-Id", "req-1");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> res.getWriter().write("hello"));
		assertThat(withoutDuration(singleLine()))
			.isEqualTo("GET /app/hello?a=1 200 5B <d>ms client=203.0.113.9 id=req-1 User-Agent=\"curl/8.5.0\"");
	}

	@Test
	void aBodyHandedToTomcatsSendfileIsCountedByItsRange() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.format(RequestLogFormat.COMMON));
		filter.doFilter(request("/big.bin"), new MockHttpServletResponse(), (req, res) -> {
			// What shared data does for a large file: Tomcat writes the range after the filters return.
			req.setAttribute("org.apache.tomcat.sendfile.filename", "/tmp/link");
			req.setAttribute("org.apache.tomcat.sendfile.start", 100L);
			req.setAttribute("org.apache.tomcat.sendfile.end", 8_388_708L);
		});
		assertThat(singleLine()).endsWith("\" 200 8388608");
	}

	@Test
	void commonLineHasEveryField() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.format(RequestLogFormat.COMMON));
		MockHttpServletRequest request = request("/hello");
		request.setQueryString("a=1");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> res.getOutputStream().write(new byte[7]));
		assertThat(singleLine()).matches("203\\.0\\.113\\.9 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}] "
				+ "\"GET /app/hello HTTP/1\\.1\" 200 7");
	}

	@Test
	void combinedLineHasEveryField() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.format(RequestLogFormat.COMBINED).includeQuery(true));
		MockHttpServletRequest request = request("/hello");
		request.setQueryString("a=1");
		request.addHeader("User-Agent", "curl/8.5.0");
		filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> ((HttpServletResponse) res).setStatus(204));
		assertThat(singleLine()).matches("203\\.0\\.113\\.9 - - \\[[^]]+] \"GET /app/hello\\?a=1 HTTP/1\\.1\" 204 - "
				+ "\"-\" \"curl/8\\.5\\.0\"");
	}

	@Test
	void jsonLineHasEveryField() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.format(RequestLogFormat.JSON)
			.includeQuery(true)
			.headers(List.of("User-Agent", "Cookie")));
		MockHttpServletRequest request = request("/hello");
		request.setQueryString("a=1");
		request.addHeader("User-Agent", "curl/8.5.0");
		request.addHeader("Cookie", "SESSION=secret");
		request.addHeader("X-Request-Id", "req-1");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> res.getWriter().write("hello"));
		assertThat(singleLine().replaceAll("\"durationMs\":\\d+\\.\\d\\d", "\"durationMs\":<d>"))
			.isEqualTo("{\"method\":\"GET\",\"path\":\"/app/hello\",\"query\":\"a=1\",\"status\":200,\"bytes\":5,"
					+ "\"durationMs\":<d>,\"client\":\"203.0.113.9\",\"requestId\":\"req-1\","
					+ "\"headers\":{\"User-Agent\":\"curl/8.5.0\",\"Cookie\":\"****\"}}");
	}

	@Test
	void queryIsLeftOutByDefault() throws Exception {
		MockHttpServletRequest request = request("/hello");
		request.setQueryString("token=secret");
		filter((config) -> {
		}).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(singleLine()).startsWith("GET /app/hello 200 ").doesNotContain("secret");
	}

	@Test
	void clientAddressComesFromTheSharedResolver() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.clientAddressResolver(new FixedClientAddress()));
		filter.doFilter(request("/hello"), new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(singleLine()).contains(" client=198.51.100.1 ");
	}

	@Test
	void sensitiveHeadersAreAlwaysMasked() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config
			.headers(List.of("authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Absent"))
			.maskedHeaders(List.of("x-api-key")));
		MockHttpServletRequest request = request("/hello");
		request.addHeader("Authorization", "Bearer secret-1");
		request.addHeader("Proxy-Authorization", "Basic secret-2");
		request.addHeader("Cookie", "a=secret-3");
		request.addHeader("Cookie", "b=secret-4");
		request.addHeader("Set-Cookie", "c=secret-5");
		request.addHeader("X-Api-Key", "secret-6");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(singleLine()).doesNotContain("secret")
			.endsWith(" authorization=\"****\" Proxy-Authorization=\"****\" Cookie=\"****\" Set-Cookie=\"****\""
					+ " X-Api-Key=\"****\"");
	}

	@Test
	void multipleHeaderValuesAreJoined() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.headers(List.of("Accept")));
		MockHttpServletRequest request = request("/hello");
		request.addHeader("Accept", "text/plain");
		request.addHeader("Accept", "application/json");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(singleLine()).endsWith(" Accept=\"text/plain, application/json\"");
	}

	@Test
	void injectionAttemptsAreEscaped() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.includeQuery(true).headers(List.of("User-Agent")));
		MockHttpServletRequest request = request("/a\r\nGET /forged 200\u2028\u0085\"\u001b[31m");
		request.setQueryString("q=\r\n\u2029\"\u001b[0m");
		request.addHeader("User-Agent", "ua\r\n\u0085\u2028\"\\\u001b]0;title\u0007");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		String line = singleLine();
		assertThat(line.chars()).noneMatch((c) -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029);
		assertThat(line).startsWith("GET /app/a\\r\\nGET\\u0020/forged\\u0020200\\u2028\\u0085\\\"\\u001b[31m?q=\\r\\n\\u2029\\\"\\u001b[0m ")
			.endsWith(" User-Agent=\"ua\\r\\n\\u0085\\u2028\\\"\\\\\\u001b]0;title\\u0007\"");
	}

	@Test
	void valuesAreCapped() throws Exception {
		RequestLoggingFilter filter = filter((config) -> config.maxValueLength(32).headers(List.of("User-Agent")));
		MockHttpServletRequest request = request("/hello");
		request.addHeader("User-Agent", "x".repeat(10_000));
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(singleLine()).endsWith(" User-Agent=\"" + "x".repeat(32) + "...\"");
	}

	@Test
	void safeIncomingRequestIdIsKept() throws Exception {
		MockHttpServletRequest request = request("/hello");
		request.addHeader("X-Request-Id", "edge-1.2:abc_DEF");
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter((config) -> {
		}).doFilter(request, response, (req, res) -> {
		});
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("edge-1.2:abc_DEF");
		assertThat(request.getAttribute(RequestLoggingFilter.REQUEST_ID_ATTRIBUTE)).isEqualTo("edge-1.2:abc_DEF");
		assertThat(singleLine()).contains(" id=edge-1.2:abc_DEF");
	}

	@Test
	void unsafeIncomingRequestIdIsReplaced() throws Exception {
		for (String unsafe : List.of("a b", "a\"b", "a\r\nb", "x".repeat(65), "ü", "", "a/b")) {
			MockHttpServletRequest request = request("/hello");
			request.addHeader("X-Request-Id", unsafe);
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter((config) -> {
			}).doFilter(request, response, (req, res) -> {
			});
			assertThat(response.getHeader("X-Request-Id")).as(unsafe)
				.isNotEqualTo(unsafe)
				.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		}
		assertThat(this.log.messages()).hasSize(7);
	}

	@Test
	void requestIdIsSentBackAfterTheApplicationResetsTheResponse() throws Exception {
		// An @ExceptionHandler that resets a half-written response (as Spring Boot advises, see
		// spring-boot#35939) drops every header, the request id's too.
		MockHttpServletRequest request = request("/hello");
		request.addHeader("X-Request-Id", "edge-1");
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter((config) -> {
		}).doFilter(request, response, (req, res) -> {
			res.getOutputStream().write('x');
			res.reset();
			res.getOutputStream().write('y');
		});
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("edge-1");
		assertThat(response.getContentAsString()).isEqualTo("y");
	}

	@Test
	void requestIdIsGeneratedWhenMissing() throws Exception {
		MockHttpServletResponse first = new MockHttpServletResponse();
		MockHttpServletResponse second = new MockHttpServletResponse();
		RequestLoggingFilter filter = filter((config) -> config.requestIdHeader("X-Correlation-Id"));
		filter.doFilter(request("/hello"), first, (req, res) -> {
		});
		filter.doFilter(request("/hello"), second, (req, res) -> {
		});
		assertThat(first.getHeader("X-Correlation-Id")).isNotBlank()
			.isNotEqualTo(second.getHeader("X-Correlation-Id"));
		assertThat(first.getHeader("X-Request-Id")).isNull();
	}

	@Test
	void requestIdIsInTheMdcDuringTheRequestAndRestoredAfter() throws Exception {
		MDC.put("corr", "outer");
		MockHttpServletRequest request = request("/hello");
		request.addHeader("X-Request-Id", "req-1");
		Map<String, String> seen = new ConcurrentHashMap<>();
		filter((config) -> config.mdcKey("corr")).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.put("during", MDC.get("corr")));
		assertThat(seen).containsEntry("during", "req-1");
		assertThat(MDC.get("corr")).isEqualTo("outer");
		assertThat(this.log.lines()).singleElement().satisfies((line) -> assertThat(line.mdc()).containsEntry("corr", "req-1"));
		MDC.remove("corr");
		filter((config) -> config.mdcKey("corr")).doFilter(request("/hello"), new MockHttpServletResponse(),
				(req, res) -> {
				});
		assertThat(MDC.get("corr")).isNull();
	}

	@Test
	void mdcIsClearedWhenTheChainThrows() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(request("/boom"),
				new MockHttpServletResponse(), (req, res) -> {
					throw new IllegalStateException("boom");
				}));
		assertThat(MDC.get("requestId")).isNull();
	}

	@Test
	void excludedPathsAreNotLogged() throws Exception {
		RequestLoggingFilter filter = filter(
				(config) -> config.exclude(List.of(PathPatternParser.defaultInstance.parse("/actuator/**"))));
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request("/actuator/health"), response, (req, res) -> {
		});
		assertThat(this.log.lines()).isEmpty();
		assertThat(response.getHeader("X-Request-Id")).isNull();
		// a decoded "%" or ";" is part of the name, never decoded or cut again
		filter.doFilter(request("/act%75ator/health"), new MockHttpServletResponse(), (req, res) -> {
		});
		filter.doFilter(request("/actuator;x/health"), new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(this.log.messages()).hasSize(2);
	}

	@Test
	void excludedRequestsGetNoMdcEntryAndNoRequestIdAttribute() throws Exception {
		RequestLoggingFilter filter = filter(
				(config) -> config.exclude(List.of(PathPatternParser.defaultInstance.parse("/actuator/**"))));
		MockHttpServletRequest request = request("/actuator/health");
		request.addHeader("X-Request-Id", "req-1");
		Map<String, String> seen = new ConcurrentHashMap<>();
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
			if (MDC.get("requestId") != null) {
				seen.put("mdc", MDC.get("requestId"));
			}
			if (req.getAttribute(RequestLoggingFilter.REQUEST_ID_ATTRIBUTE) != null) {
				seen.put("attribute", String.valueOf(req.getAttribute(RequestLoggingFilter.REQUEST_ID_ATTRIBUTE)));
			}
		});
		assertThat(seen).isEmpty();
	}

	@Test
	void excludedRequestsStayUnloggedOnLaterDispatches() throws Exception {
		RequestLoggingFilter filter = filter(
				(config) -> config.exclude(List.of(PathPatternParser.defaultInstance.parse("/actuator/**"))));
		MockHttpServletRequest request = request("/actuator/health");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> ((HttpServletResponse) res).sendError(503));
		request.setDispatcherType(DispatcherType.ERROR);
		request.setServletPath("/error");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		new RequestLoggingCompletionListener().requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(this.log.lines()).isEmpty();
	}

	@Test
	void startLineIsLoggedWhenEnabled() throws Exception {
		MockHttpServletRequest request = request("/hello");
		request.addHeader("X-Request-Id", "req-1");
		filter((config) -> config.logStart(true)).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(this.log.lines()).hasSize(2).first().satisfies((line) -> {
			assertThat(line.message()).isEqualTo("Incoming request: GET /app/hello");
			assertThat(line.mdc()).containsEntry("requestId", "req-1");
		});
	}

	@Test
	void requestsAreLoggedAtInfoAndSlowOnesAtWarn() throws Exception {
		filter((config) -> config.slowThreshold(Duration.ofHours(1))).doFilter(request("/fast"),
				new MockHttpServletResponse(), (req, res) -> {
				});
		filter((config) -> config.slowThreshold(Duration.ofNanos(1))).doFilter(request("/slow"),
				new MockHttpServletResponse(), (req, res) -> {
				});
		assertThat(this.log.lines()).extracting(CapturedLog.Line::level).containsExactly(Level.INFO, Level.WARN);
	}

	@Test
	void loggerNameIsConfigurable() throws Exception {
		CapturedLog custom = CapturedLog.attach("access");
		try {
			filter((config) -> config.loggerName("access")).doFilter(request("/hello"), new MockHttpServletResponse(),
					(req, res) -> {
					});
			assertThat(custom.messages()).hasSize(1);
			assertThat(this.log.messages()).isEmpty();
		}
		finally {
			custom.detach();
		}
	}

	@Test
	void writerBytesAreCountedInTheResponseEncoding() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		filter.doFilter(request("/utf8"), new MockHttpServletResponse(), (req, res) -> {
			res.setCharacterEncoding("UTF-8");
			res.getWriter().print("grüße \ud83d\ude00");
			res.getWriter().println();
		});
		MockHttpServletResponse latin1 = new MockHttpServletResponse();
		filter.doFilter(request("/latin1"), latin1, (req, res) -> {
			res.setCharacterEncoding("ISO-8859-1");
			// the emoji cannot be mapped: the encoder writes one '?' for the pair
			res.getWriter().printf("%s", "grüße \ud83d\ude00");
			res.getWriter().flush();
		});
		int lineSeparator = System.lineSeparator().length();
		assertThat(latin1.getContentAsByteArray()).hasSize(7);
		assertThat(this.log.messages()).satisfiesExactly(
				(line) -> assertThat(line).contains(" 200 " + (7 + 1 + 4 + lineSeparator) + "B "),
				(line) -> assertThat(line).contains(" 200 7B "));
	}

	@Test
	void responseBodyIsPassedThroughUnbuffered() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter((config) -> {
		}).doFilter(request("/stream"), response, (req, res) -> {
			ServletOutputStream out = res.getOutputStream();
			out.write("first".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(response.isCommitted()).isTrue();
			assertThat(response.getContentAsString()).isEqualTo("first");
			out.write('!');
		});
		assertThat(response.getContentAsString()).isEqualTo("first!");
		assertThat(singleLine()).contains(" 200 6B ");
	}

	@Test
	void sendErrorIsLoggedOnceAfterTheErrorPage() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		MockHttpServletRequest request = request("/missing");
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, (req, res) -> {
			res.getWriter().write("discarded");
			((HttpServletResponse) res).sendError(404);
		});
		assertThat(this.log.lines()).isEmpty();
		// the container renders the error page in an ERROR dispatch of the same request
		response.setCommitted(false);
		request.setDispatcherType(DispatcherType.ERROR);
		request.setServletPath("/error");
		filter.doFilter(request, response, (req, res) -> res.getWriter().write("{\"status\":404}"));
		new RequestLoggingCompletionListener().requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(this.log.messages()).singleElement().asString().startsWith("GET /app/missing 404 14B ");
	}

	@Test
	void sendErrorWithoutErrorPageIsLoggedWhenTheRequestEnds() throws Exception {
		MockHttpServletRequest request = request("/missing");
		filter((config) -> {
		}).doFilter(request, new MockHttpServletResponse(), (req, res) -> ((HttpServletResponse) res).sendError(403));
		assertThat(this.log.lines()).isEmpty();
		new RequestLoggingCompletionListener().requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(singleLine()).startsWith("GET /app/missing 403 0B ");
	}

	@Test
	void exceptionIsLoggedOnceAsServerError() throws Exception {
		MockHttpServletRequest request = request("/boom");
		RequestLoggingFilter filter = filter((config) -> {
		});
		assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> {
					throw new IllegalStateException("boom");
				}));
		assertThat(this.log.lines()).isEmpty();
		RequestLoggingCompletionListener listener = new RequestLoggingCompletionListener();
		listener.requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		listener.requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(singleLine()).startsWith("GET /app/boom 500 0B ");
	}

	@Test
	void bytesTheContainerClearsBeforeAForwardAreNotCounted() throws Exception {
		MockHttpServletRequest request = request("/forward");
		MockHttpServletResponse response = new MockHttpServletResponse();
		RequestLoggingFilter filter = filter((config) -> {
		});
		filter.doFilter(request, response, (req, res) -> {
			res.getOutputStream().write(new byte[23]);
			// Jetty clears its own buffer before a forward, without a call the wrappers see
			response.resetBuffer();
			request.setDispatcherType(DispatcherType.FORWARD);
			filter.doFilter(req, res, (forwarded, forwardedResponse) -> forwardedResponse.getOutputStream()
				.write(new byte[9]));
			request.setDispatcherType(DispatcherType.REQUEST);
		});
		assertThat(singleLine()).startsWith("GET /app/forward 200 9B ");
	}

	@Test
	void failingErrorPageIsLoggedWhenTheContainerIsDone() throws Exception {
		MockHttpServletRequest request = request("/boom");
		MockHttpServletResponse response = new MockHttpServletResponse();
		RequestLoggingFilter filter = filter((config) -> {
		});
		assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
			throw new IllegalStateException("boom");
		}));
		response.setStatus(500);
		request.setDispatcherType(DispatcherType.ERROR);
		request.setServletPath("/error");
		assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
			throw new IllegalStateException("the error page fails too");
		}));
		// the container answers now, with a response of its own (Jetty writes an error page)
		assertThat(this.log.lines()).isEmpty();
		new RequestLoggingCompletionListener().requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(singleLine()).startsWith("GET /app/boom 500 0B ");
	}

	@Test
	void exceptionAfterCommitKeepsTheStatusSent() throws Exception {
		MockHttpServletRequest request = request("/abort");
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThatIllegalStateException().isThrownBy(() -> filter((config) -> {
		}).doFilter(request, response, (req, res) -> {
			res.getOutputStream().write(new byte[10]);
			res.flushBuffer();
			throw new IllegalStateException("client gone");
		}));
		// What Tomcat does with the exception: 500 on a response whose 200 has already gone out
		response.setCommitted(false);
		response.setStatus(500);
		response.setCommitted(true);
		new RequestLoggingCompletionListener().requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(singleLine()).startsWith("GET /app/abort 200 10B ");
	}

	@Test
	void asyncRequestIsLoggedOnceWhenCompleteWithItsRealDuration() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		MockHttpServletRequest request = request("/async");
		request.setAsyncSupported(true);
		request.addHeader("X-Request-Id", "req-async");
		MockHttpServletResponse response = new MockHttpServletResponse();
		Map<String, String> mdc = new ConcurrentHashMap<>();
		filter.doFilter(request, response, (req, res) -> req.startAsync(req, res));
		AsyncContext asyncContext = request.getAsyncContext();
		assertThat(this.log.lines()).isEmpty();
		assertThat(MDC.get("requestId")).isNull();
		long bound = TimeUnit.MILLISECONDS.toNanos(100);
		// The ASYNC dispatch runs on another thread and writes slowly: at least 100 ms by its clock
		CompletableFuture.runAsync(() -> {
			try {
				request.setDispatcherType(DispatcherType.ASYNC);
				filter.doFilter(request, asyncContext.getResponse(), (req, res) -> {
					mdc.put("asyncDispatch", MDC.get("requestId"));
					writeSlowly(res.getOutputStream(), bound);
				});
				mdc.put("afterAsyncDispatch", String.valueOf(MDC.get("requestId")));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).get(10, TimeUnit.SECONDS);
		assertThat(this.log.lines()).isEmpty();
		asyncContext.complete();
		asyncContext.complete();
		new RequestLoggingCompletionListener().requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(mdc).containsEntry("asyncDispatch", "req-async").containsEntry("afterAsyncDispatch", "null");
		String line = singleLine();
		assertThat(line).startsWith("GET /app/async 200 ").contains(" id=req-async");
		assertThat(durationNanos(line)).isGreaterThanOrEqualTo(bound);
		assertThat(line).contains(" " + response.getContentAsByteArray().length + "B ");
	}

	@Test
	void asyncListenerIsRegisteredAgainWhenAsyncRestarts() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		MockHttpServletRequest request = request("/async");
		request.setAsyncSupported(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, (req, res) -> req.startAsync(req, res));
		request.setDispatcherType(DispatcherType.ASYNC);
		filter.doFilter(request, request.getAsyncContext().getResponse(), (req, res) -> req.startAsync(req, res));
		assertThat(this.log.lines()).isEmpty();
		request.getAsyncContext().complete();
		assertThat(this.log.lines()).hasSize(1);
	}

	@Test
	void asyncRequestEndingInSendErrorIsLoggedAfterItsErrorPage() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		MockHttpServletRequest request = request("/deferred");
		MockHttpServletResponse response = new MockHttpServletResponse();
		completeAfterSendErrorInTheAsyncDispatch(filter, request, response);
		assertThat(this.log.lines()).isEmpty();
		response.setCommitted(false);
		request.setDispatcherType(DispatcherType.ERROR);
		request.setServletPath("/error");
		filter.doFilter(request, response, (req, res) -> res.getWriter().write("{\"status\":503}"));
		new RequestLoggingCompletionListener().requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(this.log.messages()).singleElement().asString().startsWith("GET /app/deferred 503 14B ");
	}

	@Test
	void asyncRequestEndingInSendErrorWithoutErrorPageIsLoggedWhenTheRequestEnds() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		MockHttpServletRequest request = request("/deferred");
		completeAfterSendErrorInTheAsyncDispatch(filter, request, new MockHttpServletResponse());
		assertThat(this.log.lines()).isEmpty();
		new RequestLoggingCompletionListener().requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));
		assertThat(singleLine()).startsWith("GET /app/deferred 503 0B ");
	}

	/**
	 * A REQUEST dispatch that starts async, an ASYNC dispatch that sends 503, and the async
	 * completion, which Tomcat signals before it renders the error page.
	 */
	private static void completeAfterSendErrorInTheAsyncDispatch(RequestLoggingFilter filter,
			MockHttpServletRequest request, MockHttpServletResponse response) throws Exception {
		request.setAsyncSupported(true);
		filter.doFilter(request, response, (req, res) -> req.startAsync(req, res));
		request.setDispatcherType(DispatcherType.ASYNC);
		filter.doFilter(request, request.getAsyncContext().getResponse(),
				(req, res) -> ((HttpServletResponse) res).sendError(503));
		request.getAsyncContext().complete();
	}

	@Test
	void headIsLoggedWithoutTheBodyTheContainerDrops() throws Exception {
		MockHttpServletRequest request = request("/hello");
		request.setMethod("HEAD");
		filter((config) -> {
		}).doFilter(request, new MockHttpServletResponse(), (req, res) -> res.getWriter().write("dropped"));
		assertThat(singleLine()).startsWith("HEAD /app/hello 200 0B ");
	}

	@Test
	void forwardInsideTheRequestDoesNotEndIt() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		MockHttpServletRequest request = request("/page");
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
			MockHttpServletRequest forwarded = (MockHttpServletRequest) req;
			forwarded.setDispatcherType(DispatcherType.FORWARD);
			filter.doFilter(forwarded, res, (r, s) -> s.getWriter().write("forwarded"));
			assertThat(this.log.lines()).isEmpty();
			forwarded.setDispatcherType(DispatcherType.REQUEST);
		});
		assertThat(singleLine()).startsWith("GET /app/page 200 9B ");
	}

	@Test
	void errorFirstSeenInItsErrorDispatchIsLoggedWithTheFailedUri() throws Exception {
		MockHttpServletRequest request = request("/error");
		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/app/bad%20request");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(400);
		filter((config) -> {
		}).doFilter(request, response, (req, res) -> res.getWriter().write("bad"));
		assertThat(singleLine()).startsWith("GET /app/bad%20request 400 3B ");
	}

	@Test
	void secondFilterInTheSameChainDoesNotLogAgain() throws Exception {
		RequestLoggingFilter filter = filter((config) -> {
		});
		FilterChain inner = (req, res) -> filter.doFilter(req, res, (r, s) -> s.getWriter().write("x"));
		filter.doFilter(request("/twice"), new MockHttpServletResponse(), inner);
		assertThat(singleLine()).contains(" 200 1B ");
	}

	private static void writeSlowly(ServletOutputStream out, long nanos) throws IOException {
		long start = System.nanoTime();
		while (System.nanoTime() - start < nanos) {
			out.write('.');
			out.flush();
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

	private static long durationNanos(String textLine) {
		Matcher matcher = TEXT_DURATION.matcher(textLine);
		assertThat(matcher.find()).as(textLine).isTrue();
		return new java.math.BigDecimal(matcher.group(1)).movePointRight(6).longValue();
	}

	private String singleLine() {
		List<String> messages = this.log.messages();
		assertThat(messages).hasSize(1);
		return messages.get(0);
	}

	private static String withoutDuration(String textLine) {
		return TEXT_DURATION.matcher(textLine).replaceFirst(" <d>ms ");
	}

	private static RequestLoggingFilter filter(Consumer<RequestLoggingConfig.Builder> customizer) {
		RequestLoggingConfig.Builder builder = RequestLoggingConfig.builder();
		customizer.accept(builder);
		return new RequestLoggingFilter(builder.build());
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app" + path);
		request.setContextPath("/app");
		request.setServletPath(path);
		request.setRemoteAddr("203.0.113.9");
		request.setProtocol("HTTP/1.1");
		return request;
	}

	private static final class FixedClientAddress implements io.shareddata.net.ClientAddressResolver {

		@Override
		public String resolveClientAddress(jakarta.servlet.http.HttpServletRequest request) {
			return "198.51.100.1";
		}

		@Override
		public boolean isFromTrustedProxy(jakarta.servlet.http.HttpServletRequest request) {
			return true;
		}

	}

}
