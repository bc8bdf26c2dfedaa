export const id = 27;
export const ids = [27];
export const modules = {

/***/ 7027:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  changedPaths: () => (/* binding */ changedPaths),
  chooseBase: () => (/* binding */ chooseBase),
  compare: () => (/* binding */ compare),
  compareFileLimit: () => (/* binding */ compareFileLimit),
  fetchThrough: () => (/* binding */ fetchThrough),
  findChanges: () => (/* binding */ findChanges),
  gitChangedFiles: () => (/* binding */ gitChangedFiles),
  incompleteReason: () => (/* binding */ incompleteReason),
  parseNameStatus: () => (/* binding */ parseNameStatus),
  previousRelease: () => (/* binding */ previousRelease),
  previousReleaseTag: () => (/* binding */ previousReleaseTag),
  readChangeRequest: () => (/* binding */ readChangeRequest)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/http/client.ts + 2 modules
var client = __webpack_require__(3856);
// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(7560);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/changes/path-map.ts


// Repository paths always use `/`, on every runner; dotfiles are files like any other.
const globOptions = { dot: true, capture: true, windows: false };
function parsePathMap(text) {
    const rules = [];
    const errors = [];
    text.split(/\r?\n/).forEach((rawLine, index) => {
        const line = rawLine.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const result = parseRule(line, index + 1);
        if ('error' in result)
            errors.push(`line ${index + 1}: ${result.error}`);
        else
            rules.push(result);
    });
    return { rules, errors };
}
function parseRule(line, lineNumber) {
    const arrow = line.indexOf('=>');
    const glob = line.slice(0, arrow).trim().replace(/^\.?\/+/, '');
    const targetText = line.slice(arrow + 2).trim();
    if (arrow === -1 || glob === '' || targetText === '') {
        return { error: `expected "<glob> => <target>" (e.g. "public/** => https://example.com/**") or "<glob> => !", got ${(0,lists/* quote */.hD)(line)}` };
    }
    let matcher;
    try {
        matcher = picomatch_default().makeRe(glob, globOptions);
    }
    catch (error) {
        return { error: `${(0,lists/* quote */.hD)(glob)} is not a glob picomatch can read (${error instanceof Error ? error.message : String(error)})` };
    }
    const wildcardGroups = findWildcardGroups(matcher);
    const rule = { line: lineNumber, glob, matcher, wildcardGroups: wildcardGroups ?? [] };
    if (targetText === '!')
        return { ...rule, target: undefined };
    const target = parseTarget(targetText);
    const wanted = target.filter((part) => typeof part !== 'string').length;
    if (wanted > 0 && wildcardGroups === undefined) {
        return { error: `the captures of ${(0,lists/* quote */.hD)(glob)} cannot be told apart; use * and ** with plain text in a glob whose target has * or **, or write \\* for a literal *` };
    }
    if (wanted > rule.wildcardGroups.length) {
        const has = rule.wildcardGroups.length;
        return {
            error: `the target ${(0,lists/* quote */.hD)(targetText)} has ${wanted} * or ** but the glob ${(0,lists/* quote */.hD)(glob)} captures ${has === 0 ? 'nothing' : `only ${has}`} (they carry over in order); write \\* for a literal * (a provider wildcard)`,
        };
    }
    return { ...rule, target };
}
/** `**` and `*` are capture places, numbered in order; `\*` is a literal `*`. */
function parseTarget(text) {
    const parts = [];
    let literal = '';
    let capture = 0;
    for (let index = 0; index < text.length; index++) {
        if (text.startsWith('\\*', index)) {
            literal += '*';
            index++;
        }
        else if (text[index] === '*') {
            if (text[index + 1] === '*')
                index++;
            if (literal !== '')
                parts.push(literal);
            literal = '';
            parts.push({ capture: capture++ });
        }
        else {
            literal += text[index];
        }
    }
    if (literal !== '')
        parts.push(literal);
    return parts;
}
/** Files -> targets: every matching rule contributes, until a `!` rule drops the file. */
function mapFiles(files, rules) {
    const mapped = [];
    const unmapped = [];
    const excluded = [];
    for (const file of (0,lists/* dedupe */.Qq)(files)) {
        const targets = [];
        let dropped = false;
        for (const rule of rules) {
            const match = rule.matcher.exec(file);
            if (!match)
                continue;
            if (rule.target === undefined) {
                dropped = true;
                break;
            }
            const captures = rule.wildcardGroups.map((group) => match[group] ?? '');
            targets.push(renderTarget(rule.target, captures));
        }
        if (targets.length > 0)
            mapped.push({ file, targets: (0,lists/* dedupe */.Qq)(targets) });
        else if (dropped)
            excluded.push(file);
        else
            unmapped.push(file);
    }
    return { mapped, unmapped, excluded, targets: (0,lists/* dedupe */.Qq)(mapped.flatMap((entry) => entry.targets)) };
}
function renderTarget(parts, captures) {
    let result = '';
    for (const [index, part] of parts.entries()) {
        if (typeof part === 'string') {
            // An empty `**` between slashes takes one of them with it: `/**/index.html` -> `/index.html`.
            const previous = parts[index - 1];
            const emptyBefore = typeof previous === 'object' && captures[previous.capture] === '';
            const skipSlash = emptyBefore && (result === '' || result.endsWith('/')) && part.startsWith('/');
            result += skipSlash ? part.slice(1) : part;
        }
        else {
            result += encodePath(captures[part.capture] ?? '');
        }
    }
    return result;
}
/**
 * A file path as a browser requests it: each segment percent-encoded (space %20, non-ASCII as
 * UTF-8, `%`, `?` and `#` escaped), but the characters browsers leave alone kept as they are. `*`
 * is escaped too, so a file name can never turn into a provider wildcard.
 */
function encodePath(path) {
    return path
        .split('/')
        .map((segment) => encodeURIComponent(segment).replace(/%(24|26|2B|2C|3A|3B|3D|40)/g, (escape) => decodeURIComponent(escape)).replace(/\*/g, '%2A'))
        .join('/');
}
/**
 * The regex group numbers of the glob's `*` and `**`: picomatch also makes groups of braces,
 * brackets and extglobs, so each group is told by its text, compared with the group picomatch
 * makes for a lone `*` and `**`. Undefined when the regex cannot be read that way.
 */
function findWildcardGroups(matcher) {
    const groups = capturingGroups(matcher.source);
    if (groups === undefined || groups.length !== countGroups(matcher))
        return undefined;
    const wildcards = wildcardTexts();
    return groups.flatMap((text, index) => (wildcards.has(text) ? [index + 1] : []));
}
let wildcardTextCache;
function wildcardTexts() {
    wildcardTextCache ??= new Set(['x/*', 'x/**', 'x/**/y', '**/y'].flatMap((probe) => capturingGroups(picomatch_default().makeRe(probe, globOptions).source)?.slice(0, 1) ?? []));
    return wildcardTextCache;
}
/** The text of every capturing group of a regex source, in the order they open. */
function capturingGroups(source) {
    const starts = [];
    const ends = [];
    const open = [];
    let inClass = false;
    for (let index = 0; index < source.length; index++) {
        const character = source[index];
        if (character === '\\')
            index++;
        else if (inClass)
            inClass = character !== ']';
        else if (character === '[')
            inClass = true;
        else if (character === '(') {
            if (source[index + 1] === '?')
                open.push(undefined);
            else {
                open.push(starts.length);
                starts.push(index);
                ends.push(undefined);
            }
        }
        else if (character === ')') {
            const group = open.pop();
            if (group !== undefined)
                ends[group] = index + 1;
        }
    }
    if (ends.some((end) => end === undefined))
        return undefined;
    return starts.map((start, group) => source.slice(start, ends[group]));
}
function countGroups(matcher) {
    return (new RegExp(`${matcher.source}|`).exec('')?.length ?? 1) - 1;
}

;// CONCATENATED MODULE: ./src/changes/changes.ts




/** GitHub lists at most this many files for one comparison, and says nothing when it stops. */
const compareFileLimit = 300;
const shaPattern = /^[0-9a-f]{40}$/i;
const zeroSha = /^0+$/;
// What git allows in a ref name, roughly: enough to reject a typo before any request.
const refPattern = /^(?!.*\.\.)(?!.*@\{)[^\s~^:?*[\\]+$/;
/** Pure: the inputs and the run -> what to compare, or input errors naming the input. */
function readChangeRequest(settings, github) {
    const errors = [];
    const parsed = parsePathMap(settings.pathMap);
    errors.push(...parsed.errors.map((error) => `input path-map: ${error}`));
    const base = chooseBase(settings.changedSince ?? '', github);
    if ('error' in base)
        errors.push(`input changed-since: ${base.error}`);
    const [owner = '', repo = ''] = github.repository.split('/');
    if (!owner || !repo || !shaPattern.test(github.sha)) {
        errors.push('input changed-since: needs GITHUB_REPOSITORY (owner/name) and GITHUB_SHA (the deployed commit), which the runner sets; run it in a workflow');
    }
    if (errors.length > 0 || 'error' in base)
        return { errors };
    return {
        errors,
        request: { owner, repo, base, head: github.sha, rules: parsed.rules, token: settings.githubToken, apiUrl: github.apiUrl, workspace: github.workspace },
    };
}
/** `changed-since` -> the base: the ref as given, or for `auto` what the event says. */
function chooseBase(changedSince, github) {
    if (changedSince.toLowerCase() !== 'auto') {
        if (!refPattern.test(changedSince))
            return { error: `expected a commit SHA, tag or branch name, or auto; got ${JSON.stringify(changedSince)}` };
        return { ref: changedSince, reason: 'changed-since' };
    }
    const { eventName, payload } = github;
    if (eventName === 'push') {
        const before = typeof payload.before === 'string' ? payload.before : '';
        if (!shaPattern.test(before) || zeroSha.test(before)) {
            return { error: 'auto on this push has no previous commit (the push created the branch or tag); give a commit SHA, tag or branch' };
        }
        return { ref: before, reason: "the push's before commit" };
    }
    if (eventName === 'release') {
        const release = (payload.release ?? {});
        if (typeof release.id !== 'number' || typeof release.tag_name !== 'string' || typeof release.created_at !== 'string') {
            return { error: 'auto on a release event needs the release in the event payload, and it has none; give a tag or commit SHA' };
        }
        return { previousReleaseOf: { id: release.id, tag: release.tag_name, createdAt: release.created_at } };
    }
    return {
        error: `auto knows the base only on push (the before commit) and release (the previous release) events, not on ${eventName || 'this run'}; give a commit SHA, tag or branch`,
    };
}
/** The newest published release created before the current one (drafts and itself excluded). */
function previousRelease(releases, current) {
    const currentTime = Date.parse(current.createdAt);
    return releases
        .filter((release) => !release.draft && release.id !== current.id && release.tag_name !== current.tag && Date.parse(release.created_at) < currentTime)
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
}
/**
 * Why the compare API's file list is not what the deploy changed, if it is not: the 300-file
 * cap, or a base that is not an ancestor of the head (GitHub compares from their merge base, so
 * files changed on the base's side, or undone by a rollback, would be missed).
 */
function incompleteReason(answer, base, head) {
    const files = answer.files?.length;
    if (files === undefined)
        return 'the compare API gave no file list';
    if (files >= compareFileLimit)
        return `GitHub lists at most ${compareFileLimit} changed files for one comparison and listed ${files}, so the list may be cut short`;
    const short = head.slice(0, 7);
    if (answer.status === 'diverged') {
        return `${base} is not an ancestor of ${short} (${answer.ahead_by} ahead, ${answer.behind_by} behind): GitHub lists only the changes since their merge base, not the ones made on the side of ${base}`;
    }
    if (answer.status === 'behind') {
        return `${short} is older than ${base} (${answer.behind_by} commits behind, a rollback): GitHub lists the changes since their merge base, which is ${short} itself`;
    }
    return undefined;
}
/** A rename counts its old and its new path (a copy only its new one); every path once, in order. */
function changedPaths(files) {
    return (0,lists/* dedupe */.Qq)(files.flatMap((file) => (file.status === 'renamed' && file.previousPath !== undefined ? [file.path, file.previousPath] : [file.path])));
}
/**
 * Lists the files changed between the base and the head, and maps them. Errors are thrown with
 * a message that says what to do; nothing is purged from a list that may be incomplete.
 */
async function findChanges(request, http) {
    const github = await githubClient(request, http);
    const { base, baseReason } = 'ref' in request.base
        ? { base: request.base.ref, baseReason: request.base.reason }
        : { base: await previousReleaseTag(github, request, request.base.previousReleaseOf), baseReason: `the release before ${request.base.previousReleaseOf.tag}` };
    const answer = await compare(github, request, base);
    const reason = incompleteReason(answer, base, request.head);
    let files = (answer.files ?? []).map((file) => ({ path: file.filename, status: file.status, ...(file.previous_filename !== undefined ? { previousPath: file.previous_filename } : {}) }));
    if (reason !== undefined) {
        const fromGit = await gitChangedFiles(request.workspace, answer.base_commit.sha, request.head);
        if ('unavailable' in fromGit) {
            throw new Error(`changed-since: cannot list every file changed between ${base} and ${request.head.slice(0, 7)}: ${reason}. ` +
                `The fallback, git diff in GITHUB_WORKSPACE, needs a checkout that holds both commits, and ${fromGit.unavailable}. ` +
                'Check out the full history before this step (actions/checkout with fetch-depth: 0), or give a narrower changed-since. Nothing was purged.');
        }
        files = fromGit.files;
    }
    return {
        base,
        baseReason,
        baseSha: answer.base_commit.sha,
        head: request.head,
        commits: answer.total_commits,
        files,
        source: reason === undefined ? 'compare API' : 'git diff',
        ...(reason !== undefined ? { fallbackReason: reason } : {}),
        mapping: mapFiles(changedPaths(files), request.rules),
    };
}
async function githubClient(request, http) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 747).then(__webpack_require__.bind(__webpack_require__, 3747));
    return getOctokit(request.token, { baseUrl: request.apiUrl, request: { fetch: fetchThrough(http) } });
}
/** Every page of the comparison: the files come on the first, the commits on all. */
async function compare(github, request, base) {
    const basehead = `${base}...${request.head}`;
    const pages = [];
    let commits = 0;
    try {
        const parameters = { owner: request.owner, repo: request.repo, basehead, per_page: 100 };
        for await (const response of github.paginate.iterator(github.rest.repos.compareCommitsWithBasehead, parameters)) {
            // With `url` in the body, paginate hands over each page as GitHub sent it.
            const page = response.data;
            pages.push(page);
            commits += page.commits?.length ?? 0;
        }
    }
    catch (error) {
        throw new Error(`changed-since: GitHub cannot compare ${basehead} in ${request.owner}/${request.repo}: ${githubError(error, 'a ref that does not exist in the repository, or a github-token that cannot read it')}`, {
            cause: error,
        });
    }
    const [first] = pages;
    if (!first)
        throw new Error(`changed-since: GitHub answered no comparison for ${basehead}`);
    const files = pages.flatMap((page) => page.files ?? []);
    return { ...first, total_commits: first.total_commits ?? commits, ...(first.files !== undefined ? { files } : {}) };
}
/** The release before the current one; pages of releases are read until one is older than it. */
async function previousReleaseTag(github, request, current) {
    const releases = [];
    try {
        const parameters = { owner: request.owner, repo: request.repo, per_page: 100 };
        for await (const response of github.paginate.iterator(github.rest.repos.listReleases, parameters)) {
            releases.push(...response.data);
            // Releases come newest first: once one older than the current is in, the previous is too.
            if (previousRelease(response.data, current))
                break;
        }
    }
    catch (error) {
        throw new Error(`changed-since: cannot list the releases of ${request.owner}/${request.repo} to find the one before ${current.tag}: ${githubError(error, 'a github-token that cannot read the repository')}`, {
            cause: error,
        });
    }
    const previous = previousRelease(releases, current);
    if (!previous) {
        throw new Error(`changed-since: auto found no published release before ${current.tag} in ${request.owner}/${request.repo} (drafts do not count); ` +
            'for a first release there is nothing to compare with: give changed-since a ref, or purge with paths or scope: all');
    }
    return previous.tag_name;
}
/** GitHub's own message, with what its status usually means here. */
function githubError(error, notFoundMeans) {
    const { status, response, message } = error;
    const said = typeof response?.data?.message === 'string' ? response.data.message : (message ?? String(error));
    if (response === undefined)
        return said;
    const hint = status === 404
        ? ` (${notFoundMeans})`
        : status === 401 || status === 403
            ? ' (github-token needs read access to contents: permissions: contents: read)'
            : '';
    return `HTTP ${status}, ${said}${hint}`;
}
/**
 * Octokit's requests through the action's HttpClient: the same retries, Retry-After, timeouts,
 * deadline and proxy settings as every other call of the step.
 */
function fetchThrough(http) {
    return async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        const method = (init?.method ?? 'GET').toUpperCase();
        if (method !== 'GET')
            throw new Error(`only GET requests are expected, got ${method} ${url}`);
        let final;
        const { verdict } = await http.send({ url, method: 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()) }, (answer) => {
            final = answer;
            return (0,client/* isRetryableStatus */.PS)(answer.status) ? { ok: false, error: `HTTP ${answer.status} from GitHub` } : { ok: true };
        });
        if (!verdict.ok || final === undefined)
            throw new Error(verdict.ok ? 'no answer' : verdict.error);
        const headers = new Headers();
        for (const name of Object.keys(final.headers)) {
            const value = (0,client/* header */.wx)(final, name);
            if (value !== undefined && !['content-length', 'content-encoding', 'transfer-encoding'].includes(name))
                headers.set(name, value);
        }
        const response = new Response([204, 205, 304].includes(final.status) ? null : final.body, { status: final.status, headers });
        // paginate reads the URL of each answer to ask for the next page.
        Object.defineProperty(response, 'url', { value: url });
        return response;
    };
}
/**
 * The files that differ between the two commits' trees, from the checkout in the workspace:
 * `git diff --name-status`, renames as a removal and an addition (both paths count).
 */
async function gitChangedFiles(workspace, base, head) {
    for (const commit of [base, head]) {
        if (!shaPattern.test(commit))
            return { unavailable: `${JSON.stringify(commit)} is not a commit SHA` };
        const found = await git(workspace, ['cat-file', '-e', `${commit}^{commit}`]);
        if ('error' in found) {
            if (found.missingGit)
                return { unavailable: 'git is not installed on this runner' };
            const isRepository = await git(workspace, ['rev-parse', '--git-dir']);
            if ('error' in isRepository)
                return { unavailable: `${workspace} is not a git checkout` };
            return { unavailable: `the checkout in ${workspace} does not have commit ${commit.slice(0, 7)} (a shallow clone?)` };
        }
    }
    const diff = await git(workspace, ['diff', '--name-status', '-z', '--no-renames', '--no-color', '--no-ext-diff', base, head, '--']);
    if ('error' in diff)
        return { unavailable: `git diff failed: ${diff.error}` };
    return { files: parseNameStatus(diff.stdout) };
}
const gitStatuses = { A: 'added', M: 'modified', D: 'removed', T: 'changed' };
/** `git diff --name-status -z` (without renames): status and path, each ended by NUL. */
function parseNameStatus(output) {
    const fields = output.split('\0');
    const files = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
        const status = fields[index] ?? '';
        const path = fields[index + 1] ?? '';
        if (path !== '')
            files.push({ path, status: gitStatuses[status.charAt(0)] ?? 'changed' });
    }
    return files;
}
function git(workspace, args) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)('git', ['-C', workspace, ...args], 
        // A read: no optional locks, never a prompt.
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
            if (!error)
                return resolve({ stdout });
            const missingGit = error.code === 'ENOENT';
            resolve({ error: stderr.trim() || error.message, missingGit });
        });
    });
}


/***/ })

};
