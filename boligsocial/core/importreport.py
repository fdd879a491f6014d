"""What an import reports back: counts, and the problems found in the file (line, column,
problem). The report is capped so a badly broken file does not produce a page of 800,000 rows.

Shared by every import kind (`core.importkinds`) and the imports app that runs them."""

from dataclasses import dataclass, field

MAX_ISSUES_SHOWN = 200


@dataclass(frozen=True, slots=True)
class ImportIssue:
    line: int  # the file's line (CSV) or sheet row (XLSX); 1 is the header, 0 the whole file
    column: str  # the header name as written in the file; "" when the problem is not a column
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    issues: list[ImportIssue] = field(default_factory=list)  # the first MAX_ISSUES_SHOWN
    issue_count: int = 0  # all issues found, shown or not

    @property
    def ok(self) -> bool:
        return self.issue_count == 0

    @property
    def hidden_issue_count(self) -> int:
        return self.issue_count - len(self.issues)


class IssueCollector:
    """Collects issues; keeps the first `limit` and counts the rest."""

    def __init__(self, limit: int = MAX_ISSUES_SHOWN) -> None:
        self.limit = limit
        self.shown: list[ImportIssue] = []
        self.count = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.count += 1
        if len(self.shown) < self.limit:
            self.shown.append(ImportIssue(line=line, column=column, message=str(message)))

    def extend(self, issues: list[ImportIssue]) -> None:
        for issue in issues:
            self.add(issue.line, issue.column, issue.message)

    def __bool__(self) -> bool:
        return self.count > 0

    def result(self) -> ImportResult:
        """The failed result: nothing was imported."""
        return ImportResult(issues=list(self.shown), issue_count=self.count)
