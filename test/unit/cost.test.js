'use strict';
// Runway's cost in credits, read from every answer shape and nothing else.
const { normaliser } = require('../support/dist');

const cost = (body) => {
	const { estimatedCredits, credits } = normaliser.normaliseTaskResponse(body);
	return { estimatedCredits, credits };
};

test('a create answer and a running task carry the estimate; an ended task its cost', () => {
	expect(cost({ id: 'a1', estimatedCost: { credits: 60 } })).toEqual({ estimatedCredits: 60, credits: null });
	expect(cost({ id: 'a1', status: 'RUNNING', estimatedCost: { credits: 60 } })).toEqual({ estimatedCredits: 60, credits: null });
	expect(cost({ id: 'a1', status: 'SUCCEEDED', cost: { credits: 60 } })).toEqual({ estimatedCredits: null, credits: 60 });
	expect(cost({ id: 'a1', status: 'FAILED', cost: { credits: 0 } })).toEqual({ estimatedCredits: null, credits: 0 });
});

test("CometAPI's wrappers: a task in `data`, or in the envelope's `data.data`", () => {
	expect(cost({ data: { id: 'a1', status: 'RUNNING', estimatedCost: { credits: 25 } } })).toEqual({ estimatedCredits: 25, credits: null });
	const wrapped = { code: 'success', data: { task_id: 'a1', status: 'SUCCESS', data: { id: 'a1', status: 'SUCCEEDED', cost: { credits: 48 } } } };
	expect(cost(wrapped)).toEqual({ estimatedCredits: null, credits: 48 });
});

test.each([
	['absent', {}],
	['a string', { credits: '60' }],
	['negative', { credits: -1 }],
	['not a number', { credits: null }],
	['not an object', 60],
])('a figure that is %s is null, never a guess', (_, value) => {
	expect(cost({ id: 'a1', status: 'SUCCEEDED', cost: value, estimatedCost: value })).toEqual({ estimatedCredits: null, credits: null });
});

test('an unknown task carries no cost', () => {
	expect(cost({ code: 'task_not_exist', message: 'task_not_exist', estimatedCost: { credits: 5 } })).toEqual({ estimatedCredits: null, credits: null });
});
