// JIT resolves the generated client's constructor parameters from swc's design:paramtypes metadata
import 'reflect-metadata';
// Angular's partially compiled packages and our decorated classes need the JIT compiler in tests.
import '@angular/compiler';
import { getTestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';
import { afterEach } from 'vitest';

getTestBed().initTestEnvironment(BrowserTestingModule, platformBrowserTesting(), { teardown: { destroyAfterEach: false } });

// TestBed resets itself only under test runners that expose global hooks; vitest's are imported
afterEach(() => getTestBed().resetTestingModule());
