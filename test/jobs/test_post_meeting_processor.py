"""Tests of seed 003's post-meeting processor against in-memory fakes (run by test/job-handlers.test.ts)."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "jobs", "post-meeting-processor"))
import index  # noqa: E402

TRANSCRIPT = {
    "title": "Weekly sync",
    "participants": [{"name": "Kim", "email": "kim@example.com"}, {"name": "Lee", "email": "lee@example.com"}],
    "utterances": [
        {"speaker": "Kim", "text": "Let's ship on Friday."},
        {"speaker": "Lee", "text": "I will write the release notes."},
        {"speaker": "Kim", "text": "Thanks."},
    ],
}
ENV = {
    "TRANSCRIPTS_BUCKET": "files",
    "TRANSCRIPTS_PREFIX": "transcripts/",
    "RESULTS_PREFIX": "results/",
    "EMBEDDING_MODEL": "text-embedding-3-small",
    "FROM_ADDRESS": "meetings@example.com",
}


def fakes():
    calls = {"chat": [], "writes": [], "mails": []}

    def chat(instruction, text, json_mode=False):
        calls["chat"].append(json_mode)
        if json_mode:
            return json.dumps({"items": [{"owner": "Lee", "task": "write the release notes", "due": "Friday"}]})
        return "금요일 출시."

    deps = {
        "env": ENV,
        "read_json": lambda bucket, key: TRANSCRIPT if (bucket, key) == ("files", "transcripts/m-1.json") else None,
        "write_json": lambda bucket, key, body: calls["writes"].append((bucket, key, body)),
        "chat": chat,
        "embed": lambda text: [0.1, 0.2, 0.3],
        "send_email": lambda sender, to, subject, body: calls["mails"].append((sender, to, subject, body)),
    }
    return deps, calls


class PostMeetingProcessorTest(unittest.TestCase):
    def test_runs_every_task_and_writes_the_results(self):
        deps, calls = fakes()
        response = index.process({"detail": {"meeting_id": "m-1"}}, deps)
        self.assertEqual(response["statusCode"], 200)
        bucket, key, body = calls["writes"][0]
        self.assertEqual((bucket, key), ("files", "results/m-1.json"))
        results = body["results"]
        self.assertEqual(results["generate_summary"], "금요일 출시.")
        self.assertEqual(results["extract_action_items"][0]["owner"], "Lee")
        self.assertEqual(results["extract_relationship_data"]["turns"], {"Kim": 2, "Lee": 1})
        self.assertEqual(
            results["extract_relationship_data"]["replies"],
            [{"from": "Kim", "to": "Lee", "count": 1}, {"from": "Lee", "to": "Kim", "count": 1}],
        )
        self.assertEqual(results["create_embeddings"]["vector"], [0.1, 0.2, 0.3])
        self.assertEqual(calls["mails"][0][1], ["kim@example.com", "lee@example.com"])

    def test_runs_only_the_requested_tasks(self):
        deps, calls = fakes()
        index.process({"meeting_id": "m-1", "tasks": ["extract_relationship_data"]}, deps)
        self.assertEqual(calls["chat"], [])
        self.assertEqual(list(calls["writes"][0][2]["results"]), ["extract_relationship_data"])

    def test_rejects_unknown_tasks_and_bad_ids(self):
        deps, _ = fakes()
        with self.assertRaisesRegex(ValueError, "unknown tasks: translate"):
            index.process({"meeting_id": "m-1", "tasks": ["translate"]}, deps)
        with self.assertRaisesRegex(ValueError, "meeting_id"):
            index.process({"meeting_id": "../etc/passwd"}, deps)


if __name__ == "__main__":
    unittest.main()
