#!/usr/bin/env python3
# Checks a flatpak-builder JSON manifest without needing flatpak-builder:
# it parses, names the right app, runtime, SDK and command, and every local
# source (dir, file, patch) exists relative to the manifest.
#
#   check-flatpak-manifest.py flatpak/org.cmcoord.Liaison.json
#   check-flatpak-manifest.py --self-test
#
# Standard library only.  Exits 0 when the manifest is sound, 1 otherwise
# with one line per problem on stderr.

import argparse
import json
import os
import sys
import tempfile

EXPECTED_APP_ID = 'org.cmcoord.Liaison'
REQUIRED_KEYS = ('app-id', 'runtime', 'runtime-version', 'sdk', 'command', 'modules')
# Source types that may point at a local path (archive only optionally).
LOCAL_SOURCE_TYPES = ('dir', 'file', 'patch', 'archive')


def check_sources(module_name, sources, base_dir, problems):
    if not isinstance(sources, list):
        problems.append(f'module “{module_name}”: “sources” must be a list')
        return
    for i, source in enumerate(sources):
        where = f'module “{module_name}”, source {i + 1}'
        if isinstance(source, str):
            # A string names a JSON file of further sources, relative to the manifest.
            if not os.path.isfile(os.path.join(base_dir, source)):
                problems.append(f'{where}: included sources file “{source}” does not exist')
            continue
        if not isinstance(source, dict):
            problems.append(f'{where}: must be an object or a file name')
            continue
        kind = source.get('type')
        if not kind:
            problems.append(f'{where}: has no “type”')
            continue
        if kind in ('archive', 'git', 'file') and 'url' in source:
            if kind in ('archive', 'file') and not any(k in source for k in ('sha256', 'sha512')):
                problems.append(f'{where}: downloads {source["url"]} without a sha256 or sha512 checksum')
            continue
        if kind not in LOCAL_SOURCE_TYPES or (kind == 'archive' and 'path' not in source):
            continue
        paths = []
        if 'path' in source:
            paths.append(source['path'])
        if kind == 'patch' and 'paths' in source:
            paths.extend(source['paths'])
        if not paths:
            problems.append(f'{where}: {kind} source has no “path”')
            continue
        for path in paths:
            if not isinstance(path, str) or not path:
                problems.append(f'{where}: {kind} path must be a non-empty string')
                continue
            full = os.path.normpath(os.path.join(base_dir, path))
            exists = os.path.isdir(full) if kind == 'dir' else os.path.isfile(full)
            if not exists:
                what = 'directory' if kind == 'dir' else 'file'
                problems.append(f'{where}: {kind} source “{path}” is not an existing {what} ({full})')


def check_modules(modules, base_dir, problems, depth=0):
    if not isinstance(modules, list) or (depth == 0 and not modules):
        problems.append('“modules” must be a non-empty list')
        return
    for i, module in enumerate(modules):
        if isinstance(module, str):
            # A string names a JSON file holding one module, relative to the manifest.
            path = os.path.join(base_dir, module)
            if not os.path.isfile(path):
                problems.append(f'included module file “{module}” does not exist')
                continue
            try:
                with open(path, encoding='utf-8') as f:
                    module = json.load(f)
            except (OSError, ValueError) as e:
                problems.append(f'included module file “{module}” is not valid JSON: {e}')
                continue
            check_modules([module], os.path.dirname(path), problems, depth + 1)
            continue
        if not isinstance(module, dict):
            problems.append(f'module {i + 1} must be an object or a file name')
            continue
        name = module.get('name')
        if not name:
            problems.append(f'module {i + 1} has no “name”')
            name = f'#{i + 1}'
        if 'sources' not in module:
            problems.append(f'module “{name}” has no “sources”')
        else:
            check_sources(name, module['sources'], base_dir, problems)
        if 'modules' in module:
            check_modules(module['modules'], base_dir, problems, depth + 1)


def check_manifest(path):
    """Returns a list of problems; empty when the manifest is sound."""
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except OSError as e:
        return [f'cannot read the manifest: {e.strerror}']
    except ValueError as e:
        return [f'not valid JSON: {e}']

    if not isinstance(manifest, dict):
        return ['the top level must be a JSON object']

    problems = []
    for key in REQUIRED_KEYS:
        if key not in manifest:
            # flatpak-builder accepts "id" as well as "app-id".
            if key == 'app-id' and 'id' in manifest:
                continue
            problems.append(f'missing required key “{key}”')

    app_id = manifest.get('app-id', manifest.get('id'))
    if app_id is not None and app_id != EXPECTED_APP_ID:
        problems.append(f'app-id is “{app_id}”, expected “{EXPECTED_APP_ID}”')
    for key in ('runtime', 'sdk', 'command', 'runtime-version'):
        if key in manifest and (not isinstance(manifest[key], str) or not manifest[key]):
            problems.append(f'“{key}” must be a non-empty string')
    if 'finish-args' in manifest and not isinstance(manifest['finish-args'], list):
        problems.append('“finish-args” must be a list')

    if 'modules' in manifest:
        check_modules(manifest['modules'], os.path.dirname(os.path.abspath(path)), problems)
    return problems


def self_test():
    """The checker must reject broken manifests and accept a sound one."""
    good_module = {'name': 'liaison', 'buildsystem': 'meson',
                   'sources': [{'type': 'dir', 'path': 'src'}]}
    base = {'app-id': EXPECTED_APP_ID, 'runtime': 'org.gnome.Platform',
            'runtime-version': '43', 'sdk': 'org.gnome.Sdk', 'command': 'liaison',
            'modules': [good_module]}
    cases = [
        ('sound manifest', base, None, True),
        ('missing dir source',
         dict(base, modules=[dict(good_module, sources=[{'type': 'dir', 'path': 'no-such-dir'}])]),
         None, False),
        ('missing patch',
         dict(base, modules=[dict(good_module, sources=[{'type': 'dir', 'path': 'src'},
                                                        {'type': 'patch', 'path': 'gone.patch'}])]),
         None, False),
        ('archive without checksum',
         dict(base, modules=[{'name': 'x', 'sources': [{'type': 'archive', 'url': 'https://example.org/x.tar.xz'}]},
                             good_module]),
         None, False),
        ('wrong app id', dict(base, **{'app-id': 'org.example.Other'}), None, False),
        ('missing command', {k: v for k, v in base.items() if k != 'command'}, None, False),
        ('no modules', dict(base, modules=[]), None, False),
        ('invalid JSON', None, '{"app-id": "org.cmcoord.Liaison",', False),
    ]
    failures = 0
    with tempfile.TemporaryDirectory(prefix='liaison-flatpak-') as tmp:
        os.mkdir(os.path.join(tmp, 'src'))
        for name, manifest, raw, should_pass in cases:
            path = os.path.join(tmp, 'manifest.json')
            with open(path, 'w', encoding='utf-8') as f:
                f.write(raw if raw is not None else json.dumps(manifest))
            problems = check_manifest(path)
            passed = not problems
            if passed != should_pass:
                failures += 1
                expected = 'accepted' if should_pass else 'rejected'
                print(f'FAIL: {name}: expected the manifest to be {expected}; problems: {problems}',
                      file=sys.stderr)
            else:
                print(f'ok: {name}' + (f' ({problems[0]})' if problems else ''))
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description='Check a flatpak-builder JSON manifest.')
    parser.add_argument('manifest', nargs='?', help='path to the manifest')
    parser.add_argument('--self-test', action='store_true',
                        help='check that the checker rejects broken manifests')
    args = parser.parse_args()

    if args.self_test:
        return self_test()
    if not args.manifest:
        parser.error('give a manifest path, or --self-test')

    problems = check_manifest(args.manifest)
    for problem in problems:
        print(f'{args.manifest}: {problem}', file=sys.stderr)
    if problems:
        return 1
    print(f'{args.manifest}: OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
