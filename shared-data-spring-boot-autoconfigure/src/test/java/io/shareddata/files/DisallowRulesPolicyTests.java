package io.shareddata.files;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DisallowRulesPolicyTests {

	private final DisallowRulesPolicy policy = new DisallowRulesPolicy(List.of("*.secret", "private/*", ".git",
			"report-?.pdf", "[!a]*.bak", "notes[0-9].txt"), false);

	@Test
	void patternWithoutSlashMatchesEverySegment() {
		assertThat(this.policy.isAllowed("/static", "config.secret")).isFalse();
		assertThat(this.policy.isAllowed("/static", "deep/down/config.secret")).isFalse();
		assertThat(this.policy.isAllowed("/static", "config.secret/inside.txt")).isFalse();
		assertThat(this.policy.isAllowed("/static", "config.secrets")).isTrue();
	}

	@Test
	void patternWithSlashMatchesTheWholeRelativePath() {
		assertThat(this.policy.isAllowed("/static", "private/notes.txt")).isFalse();
		assertThat(this.policy.isAllowed("/static", "private/deeper/notes.txt")).isFalse();
		assertThat(this.policy.isAllowed("/static", "public/private/notes.txt")).isTrue();
	}

	@Test
	void matchingIgnoresCase() {
		assertThat(this.policy.isAllowed("/static", "CONFIG.SECRET")).isFalse();
		assertThat(this.policy.isAllowed("/static", "Private/Notes.txt")).isFalse();
	}

	@Test
	void questionMarkAndCharacterClassesFollowFnmatch() {
		assertThat(this.policy.isAllowed("/", "report-1.pdf")).isFalse();
		assertThat(this.policy.isAllowed("/", "report-12.pdf")).isTrue();
		assertThat(this.policy.isAllowed("/", "b.bak")).isFalse();
		assertThat(this.policy.isAllowed("/", "a.bak")).isTrue();
		assertThat(this.policy.isAllowed("/", "notes7.txt")).isFalse();
		assertThat(this.policy.isAllowed("/", "notesX.txt")).isTrue();
	}

	@Test
	void regexCharactersInPatternsAreLiteral() {
		DisallowRulesPolicy literal = new DisallowRulesPolicy(List.of("a+b(1).txt", "x.y"), false);
		assertThat(literal.isAllowed("/", "a+b(1).txt")).isFalse();
		assertThat(literal.isAllowed("/", "aab(1).txt")).isTrue();
		assertThat(literal.isAllowed("/", "xzy")).isTrue();
	}

	@Test
	void charactersOutsideTheBasicPlaneAreMatchedWhole() {
		DisallowRulesPolicy emoji = new DisallowRulesPolicy(List.of("\uD83D\uDD12*", "[\uD83D\uDD11!]key.txt", "?.lock"),
				false);
		assertThat(emoji.isAllowed("/", "\uD83D\uDD12vault.txt")).isFalse();
		assertThat(emoji.isAllowed("/", "\uD83D\uDD11key.txt")).isFalse();
		assertThat(emoji.isAllowed("/", "!key.txt")).isFalse();
		assertThat(emoji.isAllowed("/", "akey.txt")).isTrue();
		assertThat(emoji.isAllowed("/", "\uD83D\uDD11.lock")).as("? is one character").isFalse();
		assertThat(emoji.isAllowed("/", "vault.txt")).isTrue();
	}

	@Test
	void dotfilesAndDotDirectoriesAreHiddenUnlessServeHidden() {
		assertThat(this.policy.isAllowed("/", ".env")).isFalse();
		assertThat(this.policy.isAllowed("/", ".well-known/security.txt")).isFalse();
		assertThat(this.policy.isAllowed("/", "a/.git/config")).isFalse();
		DisallowRulesPolicy serveHidden = new DisallowRulesPolicy(List.of(".git"), true);
		assertThat(serveHidden.isAllowed("/", ".well-known/security.txt")).isTrue();
		assertThat(serveHidden.isAllowed("/", "repo/.git/config")).isFalse();
	}

}
