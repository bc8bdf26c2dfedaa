export const id = 272;
export const ids = [272];
export const modules = {

/***/ 272:
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
// EXTERNAL MODULE: ./src/http/client.ts + 1 modules
var client = __webpack_require__(8513);
// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(7560);
;// CONCATENATED MODULE: ./src/changes/last-success.ts
/** GitHub answers at most 1,000 runs for a filtered list: 10 pages of 100. */
const maxPages = 10;
const pullRequestEvents = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
/**
 * The newest run by `created_at` (GitHub does not document the order of the list; run ids break
 * ties) that succeeded on this branch before the current run. Runs of pull requests do not count
 * (a fork's `main` has this branch's name but deploys nothing), nor the current run itself (a
 * re-run of a run that once succeeded). Pure.
 */
function pickLastSuccess(runs, current, branch, repository) {
    const currentTime = Date.parse(current.created_at);
    const older = runs.filter((run) => run.id !== current.id &&
        run.conclusion === 'success' &&
        run.head_branch === branch &&
        !pullRequestEvents.has(run.event) &&
        (run.head_repository?.full_name === undefined || run.head_repository.full_name.toLowerCase() === repository.toLowerCase()) &&
        /^[0-9a-f]{40}$/i.test(run.head_sha) &&
        Date.parse(run.created_at) < currentTime);
    return older.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)[0];
}
/**
 * The `next` URL of a `Link` header, only when it stays on the API's own origin: the token goes
 * with it, so a link elsewhere is an error, never followed. Read without regexes that backtrack.
 */
function nextPageUrl(link, apiUrl) {
    if (link === undefined)
        return undefined;
    for (const part of link.split(',')) {
        const open = part.indexOf('<');
        const close = part.indexOf('>', open + 1);
        if (open === -1 || close === -1)
            continue;
        const parameters = part.slice(close + 1).split(';').map((each) => each.trim().toLowerCase());
        if (!parameters.includes('rel="next"') && !parameters.includes('rel=next'))
            continue;
        const url = URL.parse(part.slice(open + 1, close).trim());
        const api = URL.parse(apiUrl);
        if (!url || !api || url.origin !== api.origin || !url.pathname.startsWith(api.pathname.replace(/\/+$/, ''))) {
            throw new Error(`GitHub's next-page link points away from ${api?.origin ?? apiUrl}, where the token may not go; not followed`);
        }
        return url.href;
    }
    return undefined;
}
/** The newest earlier successful run's head commit; thrown errors say what to do. */
async function findLastSuccess(github, request) {
    const where = `${request.owner}/${request.repo}`;
    const current = await readRuns(`read this run (${request.runId})`, async () => {
        const { data } = await github.rest.actions.getWorkflowRun({ owner: request.owner, repo: request.repo, run_id: request.runId });
        return data;
    });
    if (typeof current.workflow_id !== 'number' || typeof current.created_at !== 'string') {
        throw new Error(`changed-since: GitHub's answer for run ${request.runId} of ${where} has no workflow_id or created_at`);
    }
    const runs = [];
    let next;
    for (let page = 1; page <= maxPages; page++) {
        const answer = await readRuns(`list the successful runs of workflow ${current.workflow_id} on ${request.branch}`, async () => {
            const response = next === undefined
                ? await github.rest.actions.listWorkflowRuns({
                    owner: request.owner,
                    repo: request.repo,
                    workflow_id: current.workflow_id,
                    branch: request.branch,
                    status: 'success',
                    per_page: 100,
                })
                : await github.request({ method: 'GET', url: next });
            return { data: response.data, link: response.headers.link };
        });
        if (!Array.isArray(answer.data.workflow_runs))
            throw new Error(`changed-since: GitHub's list of workflow runs for ${where} has no workflow_runs`);
        const pageRuns = answer.data.workflow_runs;
        runs.push(...pageRuns);
        // The list is newest first in practice: once a page holds an older success, the newest older
        // one is read too. Were the order ever different, an older base only purges more, never less.
        if (pickLastSuccess(pageRuns, current, request.branch, where))
            break;
        next = nextPageUrl(answer.link, request.apiUrl);
        if (next === undefined)
            break;
    }
    const found = pickLastSuccess(runs, current, request.branch, where);
    if (!found) {
        throw new Error(`changed-since: last-success found no successful run of this workflow on ${request.branch} in ${where} before this one (run ${request.runId}); ` +
            'for a first deploy there is nothing to compare with: give changed-since a commit SHA, tag or branch, or purge with paths or scope: all. Nothing was purged.');
    }
    return {
        id: found.id,
        number: typeof found.run_number === 'number' ? found.run_number : undefined,
        url: `${request.serverUrl}/${where}/actions/runs/${found.id}`,
        createdAt: found.created_at,
        sha: found.head_sha,
    };
}
async function readRuns(what, read) {
    try {
        return await read();
    }
    catch (error) {
        throw new Error(`changed-since: last-success cannot ${what}: ${runsError(error)}`, { cause: error });
    }
}
/** GitHub's own message, with what its status usually means for the runs API. */
function runsError(error) {
    const { status, response, message } = error;
    const said = typeof response?.data?.message === 'string' ? response.data.message : (message ?? String(error));
    if (response === undefined)
        return said;
    const rateLimited = String(response.headers?.['x-ratelimit-remaining'] ?? '') === '0';
    const hint = rateLimited
        ? ' (the GitHub API rate limit of this token is used up; try again after it resets)'
        : status === 403 || status === 404
            ? ' (the job\'s token needs permissions: actions: read, besides contents: read, to read workflow runs)'
            : status === 401
                ? ' (github-token is not a valid token)'
                : '';
    return `HTTP ${status}, ${said}${hint}`;
}

// EXTERNAL MODULE: ./src/visible.ts
var visible = __webpack_require__(8357);
;// CONCATENATED MODULE: ./src/changes/glob.ts
/**
 * Globs for `path-map`, matched in time linear in the file name. The names come from a pull
 * request, so a backtracking regex (picomatch's) is not an option: `*.*.*.*.*.*.js` against a
 * name of 250 dots never ended. A glob compiles to a small automaton; matching walks it depth
 * first in the order a backtracking regex would (so the captures are the ones it would give),
 * but never visits the same (state, position) twice, so the work is at most states x length.
 *
 * Syntax: `*` (within a segment), `**` (any number of segments, as a whole segment), `?`,
 * `[abc]`, `[a-z]`, `[!a]`, `{a,b}`, `{1..3}`, extglobs `@(a|b)`, `?(a|b)`, `+(a|b)`, `*(a|b)`,
 * and `\` to escape. `*` and `**` outside braces and extglobs capture what they matched, in order.
 * Pure.
 */
const maxBraceOptions = 1_000;
function compileGlob(glob) {
    const parser = new Parser(glob);
    let ast;
    try {
        ast = parser.parseSequence('');
    }
    catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
    }
    const states = [{ kind: 'match' }];
    const start = compile(ast, 0, states);
    const captureCount = parser.captureCount;
    const memory = { seen: new Uint32Array(0), visit: 0 };
    const program = flatten(states);
    return {
        captures: parser.nestedWildcards ? undefined : captureCount,
        match: (name) => run(program, start, name, captureCount, memory),
    };
}
const slash = 0x2f;
const notSlash = (code) => code !== slash;
const anyCharacter = () => true;
const literal = (text) => ({ kind: 'seq', items: Array.from(text, (_, index) => ({ kind: 'char', test: text.charCodeAt(index) })) });
const empty = { kind: 'seq', items: [] };
class Parser {
    glob;
    index = 0;
    captureCount = 0;
    nestedWildcards = false;
    /** Inside braces or an extglob: wildcards there match but do not capture. */
    depth = 0;
    constructor(glob) {
        this.glob = glob;
    }
    /** Items up to the end, or up to one of `stops` at this depth (left unread). */
    parseSequence(stops) {
        const items = [];
        while (this.index < this.glob.length && !stops.includes(this.glob[this.index]))
            items.push(this.parseItem());
        return { kind: 'seq', items };
    }
    parseItem() {
        const glob = this.glob;
        const character = glob[this.index];
        const next = glob[this.index + 1];
        if (character === '\\' && next !== undefined) {
            this.index += 2;
            return literal(next);
        }
        if ('@?+*!'.includes(character) && next === '(')
            return this.parseExtglob(character);
        if (character === '*')
            return this.parseStar();
        if (character === '?') {
            this.index++;
            return { kind: 'char', test: notSlash };
        }
        if (character === '[') {
            const set = this.parseClass();
            if (set)
                return set;
        }
        if (character === '{') {
            const braces = this.parseBraces();
            if (braces)
                return braces;
        }
        this.index++;
        return literal(character);
    }
    parseStar() {
        const glob = this.glob;
        const start = this.index;
        let end = start;
        while (glob[end] === '*')
            end++;
        this.index = end;
        const atSegmentStart = start === 0 || glob[start - 1] === '/';
        const atSegmentEnd = end === glob.length || glob[end] === '/';
        if (end - start >= 2 && atSegmentStart && atSegmentEnd) {
            const segments = { kind: 'repeat', body: { kind: 'char', test: anyCharacter }, min: 1 };
            if (glob[end] === '/') {
                // `**/`: nothing, or whole segments and their `/` (the capture leaves that `/` out).
                this.index++;
                return this.capturing((capture) => ({ kind: 'alt', options: [capture(empty), { kind: 'seq', items: [capture(segments), literal('/')] }] }));
            }
            return this.capturing((capture) => capture({ kind: 'repeat', body: { kind: 'char', test: anyCharacter }, min: 0 }));
        }
        return this.capturing((capture) => capture({ kind: 'repeat', body: { kind: 'char', test: notSlash }, min: 0 }));
    }
    /** A wildcard: numbered in order at the top level; inside braces or extglobs it only matches. */
    capturing(build) {
        if (this.depth > 0) {
            this.nestedWildcards = true;
            return build((body) => body);
        }
        const index = this.captureCount++;
        return build((body) => ({ kind: 'capture', index, body }));
    }
    parseExtglob(kind) {
        if (kind === '!')
            throw new Error(`negated extglobs !(...) are not supported; list the files to drop with a "<glob> => !" rule`);
        const open = this.index;
        this.index += 2;
        this.depth++;
        const options = [this.parseSequence('|)')];
        while (this.glob[this.index] === '|') {
            this.index++;
            options.push(this.parseSequence('|)'));
        }
        this.depth--;
        if (this.glob[this.index] !== ')')
            throw new Error(`the extglob at character ${open + 1} has no closing )`);
        this.index++;
        const body = { kind: 'alt', options };
        if (kind === '@')
            return body;
        if (kind === '?')
            return { kind: 'alt', options: [body, empty] };
        return { kind: 'repeat', body, min: kind === '+' ? 1 : 0 };
    }
    /** `[...]`, or undefined (a literal `[`) when it does not close. */
    parseClass() {
        const glob = this.glob;
        let index = this.index + 1;
        const negated = glob[index] === '!' || glob[index] === '^';
        if (negated)
            index++;
        const ranges = [];
        let first = true;
        while (index < glob.length && (glob[index] !== ']' || first)) {
            first = false;
            let low = glob[index];
            if (low === '\\' && index + 1 < glob.length)
                low = glob[++index];
            index++;
            if (glob[index] === '-' && index + 1 < glob.length && glob[index + 1] !== ']') {
                let high = glob[index + 1];
                index += 2;
                if (high === '\\' && index < glob.length)
                    high = glob[index++];
                ranges.push([low, high]);
            }
            else {
                ranges.push([low, low]);
            }
        }
        if (glob[index] !== ']')
            return undefined;
        this.index = index + 1;
        const codes = ranges.map(([low, high]) => [low.charCodeAt(0), high.charCodeAt(0)]);
        const inRanges = (code) => codes.some(([low, high]) => code >= low && code <= high);
        return { kind: 'char', test: (code) => code !== slash && inRanges(code) !== negated };
    }
    /** `{a,b}` or `{1..3}`, or undefined (a literal `{`) when it is neither. */
    parseBraces() {
        const glob = this.glob;
        const open = this.index;
        const close = matchingBrace(glob, open);
        if (close === -1)
            return undefined;
        const range = /^(-?\d+|[a-z])\.\.(-?\d+|[a-z])$/i.exec(glob.slice(open + 1, close));
        if (range) {
            const options = expandRange(range[1], range[2]);
            if (options.length > maxBraceOptions)
                throw new Error(`the range {${range[1]}..${range[2]}} has more than ${maxBraceOptions} values`);
            this.index = close + 1;
            return { kind: 'alt', options: options.map(literal) };
        }
        this.index = open + 1;
        this.depth++;
        const options = [this.parseSequence(',}')];
        while (glob[this.index] === ',') {
            this.index++;
            options.push(this.parseSequence(',}'));
        }
        this.depth--;
        if (options.length === 1) {
            // `{a}` is no alternation: the braces are literal text, as in picomatch.
            this.index = open + 1;
            return literal('{');
        }
        this.index++;
        return { kind: 'alt', options };
    }
}
function matchingBrace(glob, open) {
    let depth = 0;
    for (let index = open; index < glob.length; index++) {
        const character = glob[index];
        if (character === '\\')
            index++;
        else if (character === '{')
            depth++;
        else if (character === '}' && --depth === 0)
            return index;
    }
    return -1;
}
function expandRange(from, to) {
    const numeric = /^-?\d+$/.test(from) && /^-?\d+$/.test(to);
    const low = numeric ? Number(from) : from.charCodeAt(0);
    const high = numeric ? Number(to) : to.charCodeAt(0);
    if (Math.abs(high - low) > maxBraceOptions)
        return new Array(maxBraceOptions + 1).fill('');
    const step = low <= high ? 1 : -1;
    const values = [];
    for (let value = low; value !== high + step; value += step)
        values.push(numeric ? String(value) : String.fromCharCode(value));
    return values;
}
/** Builds the states for `ast` that go on to `next` when it matched; returns where they start. */
function compile(ast, next, states) {
    const add = (state) => states.push(state) - 1;
    switch (ast.kind) {
        case 'char':
            return add({ kind: 'char', test: ast.test, next });
        case 'seq':
            return ast.items.reduceRight((after, item) => compile(item, after, states), next);
        case 'alt': {
            const [first, ...rest] = ast.options;
            if (!first)
                return next;
            if (rest.length === 0)
                return compile(first, next, states);
            return add({ kind: 'split', first: compile(first, next, states), second: compile({ kind: 'alt', options: rest }, next, states) });
        }
        case 'repeat': {
            // The loop: leave first (lazy), else one more round of the body.
            const loop = add({ kind: 'split', first: next, second: -1 });
            const body = compile(ast.body, loop, states);
            states[loop].second = body;
            return ast.min === 1 ? body : loop;
        }
        case 'capture': {
            const close = add({ kind: 'save', slot: ast.index * 2 + 1, next });
            return add({ kind: 'save', slot: ast.index * 2, next: compile(ast.body, close, states) });
        }
    }
}
var Kind;
(function (Kind) {
    Kind[Kind["Match"] = 0] = "Match";
    Kind[Kind["Literal"] = 1] = "Literal";
    Kind[Kind["Test"] = 2] = "Test";
    Kind[Kind["Split"] = 3] = "Split";
    Kind[Kind["Save"] = 4] = "Save";
})(Kind || (Kind = {}));
function flatten(states) {
    const program = { kind: new Uint8Array(states.length), next: new Int32Array(states.length), other: new Int32Array(states.length), tests: [] };
    states.forEach((state, index) => {
        if (state.kind === 'char') {
            program.kind[index] = typeof state.test === 'number' ? Kind.Literal : Kind.Test;
            program.next[index] = state.next;
            if (typeof state.test === 'number')
                program.other[index] = state.test;
            else
                program.tests[index] = state.test;
        }
        else if (state.kind === 'split') {
            program.kind[index] = Kind.Split;
            program.next[index] = state.first;
            program.other[index] = state.second;
        }
        else if (state.kind === 'save') {
            program.kind[index] = Kind.Save;
            program.next[index] = state.next;
            program.other[index] = state.slot;
        }
    });
    return program;
}
/**
 * Depth first, alternatives in order, like a backtracking regex; but a (state, position) seen
 * before is never explored again: it failed then (or is in progress, an empty loop), and it
 * would fail now, since what follows does not depend on the way there.
 */
function run(program, start, name, captureCount, memory) {
    const { kind, next, other, tests } = program;
    const length = name.length;
    const width = length + 1;
    // One table per glob, reused: a cell counts as seen when it holds this match's number.
    if (memory.seen.length < kind.length * width || memory.visit === 0xffffffff) {
        memory.seen = new Uint32Array(kind.length * width);
        memory.visit = 0;
    }
    const seen = memory.seen;
    const visit = ++memory.visit;
    const slots = new Int32Array(captureCount * 2).fill(-1);
    // Entries: [state, position] to try, or [-1 - slot, old value] to undo a capture on the way back.
    const stack = [start, 0];
    while (stack.length > 0) {
        let position = stack.pop();
        let state = stack.pop();
        if (state < 0) {
            slots[-1 - state] = position;
            continue;
        }
        for (;;) {
            const key = state * width + position;
            if (seen[key] === visit)
                break;
            seen[key] = visit;
            const stateKind = kind[state];
            if (stateKind === Kind.Literal) {
                if (position >= length || name.charCodeAt(position) !== other[state])
                    break;
                state = next[state];
                position++;
            }
            else if (stateKind === Kind.Test) {
                if (position >= length || !tests[state](name.charCodeAt(position)))
                    break;
                state = next[state];
                position++;
            }
            else if (stateKind === Kind.Split) {
                stack.push(other[state], position);
                state = next[state];
            }
            else if (stateKind === Kind.Save) {
                const slot = other[state];
                stack.push(-1 - slot, slots[slot]);
                slots[slot] = position;
                state = next[state];
            }
            else {
                if (position !== length)
                    break;
                return Array.from({ length: captureCount }, (_, index) => name.slice(slots[index * 2], slots[index * 2 + 1]));
            }
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/changes/path-map.ts


/** The target that means "purge everything". */
const everythingTarget = '@all';
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
    const matcher = compileGlob(glob);
    if ('error' in matcher)
        return { error: `${(0,lists/* quote */.hD)(glob)} is not a glob this action reads: ${matcher.error}` };
    const rule = { line: lineNumber, glob, matcher };
    if (targetText === '!')
        return { ...rule, target: undefined };
    if (targetText.toLowerCase() === everythingTarget)
        return { ...rule, target: [], everything: true };
    if (targetText.startsWith('@'))
        return { error: `${(0,lists/* quote */.hD)(targetText)} is not a target; the one special target is ${everythingTarget} (purge everything)` };
    const target = parseTarget(targetText);
    const wanted = target.filter((part) => typeof part !== 'string').length;
    if (wanted > 0 && matcher.captures === undefined) {
        return { error: `the captures of ${(0,lists/* quote */.hD)(glob)} cannot be told apart; use * and ** with plain text in a glob whose target has * or **, or write \\* for a literal *` };
    }
    if (wanted > (matcher.captures ?? 0)) {
        const has = matcher.captures ?? 0;
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
    const everything = [];
    for (const file of (0,lists/* dedupe */.Qq)(files)) {
        const targets = [];
        let dropped = false;
        let mappedToEverything = false;
        for (const rule of rules) {
            const captures = rule.matcher.match(file);
            if (!captures)
                continue;
            if (rule.target === undefined) {
                dropped = true;
                break;
            }
            if (rule.everything) {
                if (!mappedToEverything)
                    everything.push({ file, line: rule.line, glob: rule.glob });
                mappedToEverything = true;
                continue;
            }
            targets.push(renderTarget(rule.target, captures));
        }
        if (targets.length > 0 || mappedToEverything)
            mapped.push({ file, targets: mappedToEverything ? [everythingTarget, ...(0,lists/* dedupe */.Qq)(targets)] : (0,lists/* dedupe */.Qq)(targets) });
        else if (dropped)
            excluded.push(file);
        else
            unmapped.push(file);
    }
    const targets = (0,lists/* dedupe */.Qq)(mapped.flatMap((entry) => entry.targets.filter((target) => target !== everythingTarget)));
    return { mapped, unmapped, excluded, targets, everything };
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
        request: {
            owner,
            repo,
            base,
            head: github.sha,
            rules: parsed.rules,
            token: settings.githubToken,
            apiUrl: github.apiUrl,
            serverUrl: github.serverUrl,
            workspace: github.workspace,
        },
    };
}
/**
 * `changed-since` -> the base: the ref as given, for `auto` what the event says, for
 * `last-success` the last good run of this workflow on this branch (looked up later).
 */
function chooseBase(changedSince, github) {
    if (changedSince.toLowerCase() === 'last-success')
        return lastSuccessBase(github);
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
function lastSuccessBase(github) {
    const ref = github.ref ?? '';
    if (!ref.startsWith('refs/heads/')) {
        return {
            error: `last-success is for branch deploys (push, workflow_dispatch on a branch), and this run is for ${ref === '' ? 'no branch' : JSON.stringify(ref)}; on tag and release events use auto, or give a ref`,
        };
    }
    const runId = Number(github.runId);
    if (!/^\d+$/.test(github.runId ?? '') || !Number.isSafeInteger(runId)) {
        return { error: 'last-success needs GITHUB_RUN_ID (this run), which the runner sets; run it in a workflow' };
    }
    return { lastSuccessOf: { runId, branch: ref.slice('refs/heads/'.length) } };
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
    const { base, baseReason, baseRun } = await resolveBase(github, request);
    const answer = await compare(github, request, base);
    const reason = incompleteReason(answer, base, request.head);
    let files = (answer.files ?? []).map((file) => ({ path: file.filename, status: file.status, ...(file.previous_filename !== undefined ? { previousPath: file.previous_filename } : {}) }));
    if (reason !== undefined) {
        const fromGit = await gitChangedFiles(request.workspace, answer.base_commit.sha, request.head, http.deadline);
        if ('unavailable' in fromGit) {
            throw new Error(`changed-since: cannot list every file changed between ${base} and ${request.head.slice(0, 7)}: ${reason}. ` +
                `The fallback, git diff in GITHUB_WORKSPACE, needs a checkout that holds both commits, and ${fromGit.unavailable}. ` +
                'Check out the full history before this step (actions/checkout with fetch-depth: 0), or give a narrower changed-since. Nothing was purged.');
        }
        files = fromGit.files;
    }
    // A name that is not valid UTF-8 cannot be mapped to the right URL: it is listed, not guessed.
    const paths = changedPaths(files);
    const unreadable = paths.filter((path) => !isReadableName(path));
    const mapping = mapFiles(paths.filter((path) => isReadableName(path)), request.rules);
    return {
        base,
        baseReason,
        baseSha: answer.base_commit.sha,
        head: request.head,
        commits: answer.total_commits,
        files,
        source: reason === undefined ? 'compare API' : 'git diff',
        ...(reason !== undefined ? { fallbackReason: reason } : {}),
        mapping: { ...mapping, unmapped: [...mapping.unmapped, ...unreadable] },
        ...(unreadable.length > 0 ? { unreadable } : {}),
        ...(baseRun ? { baseRun } : {}),
    };
}
async function resolveBase(github, request) {
    const choice = request.base;
    if ('ref' in choice)
        return { base: choice.ref, baseReason: choice.reason };
    if ('previousReleaseOf' in choice) {
        return { base: await previousReleaseTag(github, request, choice.previousReleaseOf), baseReason: `the release before ${choice.previousReleaseOf.tag}` };
    }
    const { runId, branch } = choice.lastSuccessOf;
    const run = await findLastSuccess(github, { owner: request.owner, repo: request.repo, runId, branch, apiUrl: request.apiUrl, serverUrl: request.serverUrl });
    const name = run.number !== undefined ? `#${run.number}` : String(run.id);
    return { base: run.sha, baseReason: `the head of run ${name}, the last successful run of this workflow on ${branch}`, baseRun: run };
}
/**
 * Whether a changed file's name is known exactly: not with U+FFFD (GitHub's answer replaced
 * bytes that are not UTF-8) nor with the `\xNN` escapes this action gives such bytes from git.
 */
function isReadableName(path) {
    return !path.includes('\uFFFD') && !path.startsWith(unreadableMark);
}
/** Starts the escaped name of a file whose name is not valid UTF-8 (from git). */
const unreadableMark = '(not UTF-8) ';
async function githubClient(request, http) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    return getOctokit(request.token, { baseUrl: request.apiUrl, request: { fetch: fetchThrough(http, request.apiUrl) } });
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
    const call = `GET /repos/${request.owner}/${request.repo}/compare/${basehead}`;
    for (const page of pages) {
        const missing = missingFromComparison(page, page === first);
        if (missing)
            throw new Error(`changed-since: GitHub's answer to ${call} is not a comparison: ${missing}. Nothing was purged.`);
    }
    const files = pages.flatMap((page) => page.files ?? []);
    return { ...first, total_commits: first.total_commits ?? commits, ...(first.files !== undefined ? { files } : {}) };
}
/** What a page of the compare answer lacks that this action reads, if anything. */
function missingFromComparison(page, first) {
    if (typeof page !== 'object' || page === null || Array.isArray(page))
        return 'the answer is not a JSON object';
    const answer = page;
    if (first) {
        const sha = answer.base_commit?.sha;
        if (typeof sha !== 'string' || !shaPattern.test(sha))
            return 'base_commit.sha (a commit SHA) is missing';
        if (typeof answer.status !== 'string')
            return 'status is missing';
        for (const name of ['ahead_by', 'behind_by'])
            if (typeof answer[name] !== 'number')
                return `${name} (a number) is missing`;
        if (answer.total_commits !== undefined && typeof answer.total_commits !== 'number')
            return 'total_commits is not a number';
    }
    if (answer.commits !== undefined && !Array.isArray(answer.commits))
        return 'commits is not a list';
    if (answer.files === undefined)
        return undefined;
    if (!Array.isArray(answer.files))
        return 'files is not a list';
    for (const [index, file] of answer.files.entries()) {
        const entry = (typeof file === 'object' && file !== null ? file : {});
        if (typeof entry.filename !== 'string')
            return `files[${index}].filename is missing`;
        if (typeof entry.status !== 'string')
            return `files[${index}].status is missing`;
        if (entry.previous_filename !== undefined && typeof entry.previous_filename !== 'string')
            return `files[${index}].previous_filename is not a string`;
    }
    return undefined;
}
/** The release before the current one; pages of releases are read until one is older than it. */
async function previousReleaseTag(github, request, current) {
    const releases = [];
    try {
        const parameters = { owner: request.owner, repo: request.repo, per_page: 100 };
        for await (const response of github.paginate.iterator(github.rest.repos.listReleases, parameters)) {
            const missing = missingFromReleases(response.data);
            if (missing)
                throw new Error(`GitHub's answer to GET /repos/${request.owner}/${request.repo}/releases is not a list of releases: ${missing}`);
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
function missingFromReleases(data) {
    if (!Array.isArray(data))
        return 'the answer is not a JSON list';
    for (const [index, release] of data.entries()) {
        const entry = (typeof release === 'object' && release !== null ? release : {});
        if (typeof entry.id !== 'number')
            return `[${index}].id is missing`;
        if (typeof entry.tag_name !== 'string')
            return `[${index}].tag_name is missing`;
        if (typeof entry.created_at !== 'string')
            return `[${index}].created_at is missing`;
    }
    return undefined;
}
/** GitHub's own message, with what its status usually means here. */
function githubError(error, notFoundMeans) {
    const { status, response, message } = error;
    const said = (0,visible/* showControls */.mz)(typeof response?.data?.message === 'string' ? response.data.message : (message ?? String(error)));
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
 * deadline and proxy settings as every other call of the step. Only to `apiUrl`'s origin: a
 * `Link` to the next page elsewhere is an error, so the token never goes to another host
 * (Octokit's paginate would follow it, token and all).
 */
function fetchThrough(http, apiUrl) {
    const origin = URL.parse(apiUrl)?.origin;
    return async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        const method = (init?.method ?? 'GET').toUpperCase();
        if (method !== 'GET')
            throw new Error(`only GET requests are expected, got ${method} ${(0,visible/* showControls */.mz)(url)}`);
        const target = URL.parse(url);
        if (!target || target.origin !== origin) {
            throw new Error(`GitHub's answer links the next page to ${(0,visible/* quoteOutside */.YM)(target?.origin ?? url)}, not to GITHUB_API_URL (${origin ?? apiUrl}); it was not followed, and the token was not sent there`);
        }
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
async function gitChangedFiles(workspace, base, head, deadline = Infinity) {
    for (const commit of [base, head]) {
        if (!shaPattern.test(commit))
            return { unavailable: `${JSON.stringify(commit)} is not a commit SHA` };
        const found = await git(workspace, ['cat-file', '-e', `${commit}^{commit}`], deadline);
        if ('error' in found) {
            if (found.missingGit)
                return { unavailable: 'git is not installed on this runner' };
            if (found.timedOut)
                return { unavailable: found.error };
            const isRepository = await git(workspace, ['rev-parse', '--git-dir'], deadline);
            if ('error' in isRepository)
                return { unavailable: `${workspace} is not a git checkout` };
            return { unavailable: `the checkout in ${workspace} does not have commit ${commit.slice(0, 7)} (a shallow clone?)` };
        }
    }
    const diff = await git(workspace, ['diff', '--name-status', '-z', '--no-renames', '--no-color', '--no-ext-diff', base, head, '--'], deadline);
    if ('error' in diff)
        return { unavailable: `git diff failed: ${(0,visible/* showControls */.mz)(diff.error)}` };
    return { files: parseNameStatus(diff.stdout) };
}
const gitStatuses = { A: 'added', M: 'modified', D: 'removed', T: 'changed' };
/**
 * `git diff --name-status -z` (without renames): status and path, each ended by NUL. Read as
 * bytes: a name that is not valid UTF-8 is kept, escaped and marked, never turned into U+FFFD.
 */
function parseNameStatus(output) {
    const bytes = typeof output === 'string' ? Buffer.from(output) : output;
    const fields = [];
    for (let start = 0; start < bytes.length;) {
        const end = bytes.indexOf(0, start);
        fields.push(bytes.subarray(start, end === -1 ? bytes.length : end));
        start = end === -1 ? bytes.length : end + 1;
    }
    const files = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
        const status = fields[index]?.toString('latin1') ?? '';
        const path = decodeName(fields[index + 1] ?? Buffer.alloc(0));
        if (path !== '')
            files.push({ path, status: gitStatuses[status.charAt(0)] ?? 'changed' });
    }
    return files;
}
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function decodeName(bytes) {
    try {
        return strictUtf8.decode(bytes);
    }
    catch {
        const escaped = [...bytes].map((byte) => (byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`));
        return `${unreadableMark}${escaped.join('')}`;
    }
}
function git(workspace, args, deadline) {
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0)
        return Promise.resolve({ error: 'the timeout ran out before git could run', missingGit: false, timedOut: true });
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)('git', ['-C', workspace, ...args], 
        // A read: no optional locks, never a prompt. Bytes: file names need not be UTF-8.
        // Killed at the step's deadline, like every request: a huge diff cannot outlive timeout.
        { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, ...(Number.isFinite(remainingMs) ? { timeout: Math.ceil(remainingMs) } : {}), env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
            if (!error)
                return resolve({ stdout });
            const missingGit = error.code === 'ENOENT';
            if (error.killed)
                return resolve({ error: 'the timeout ran out while git was running', missingGit, timedOut: true });
            resolve({ error: stderr.toString('utf8').trim() || error.message, missingGit });
        });
    });
}


/***/ })

};
