"""Seed 003's post-meeting processor (Onno), after a meeting ends.

Invoked with {"meeting_id": ..., "tasks": [...]} directly or as the detail of a MeetingEnded
event. It reads the meeting's transcript from S3, runs the requested tasks (action items, a
summary and its embedding through OpenAI; who-talked-to-whom locally; an e-mail summary through
SES) and writes the results next to the transcript's bucket under RESULTS_PREFIX.
"""

import json
import os
import re
import urllib.request
from collections import Counter

TASKS = (
    "extract_action_items",
    "extract_relationship_data",
    "generate_summary",
    "create_embeddings",
    "send_email_summary",
)
MEETING_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def process(event, deps):
    request = event.get("detail", event)
    meeting_id = request.get("meeting_id")
    if not isinstance(meeting_id, str) or not MEETING_ID.match(meeting_id):
        raise ValueError("meeting_id must be 1-64 of letters, digits, - and _")
    tasks = request.get("tasks") or list(TASKS)
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        raise ValueError(f"unknown tasks: {', '.join(unknown)} (known: {', '.join(TASKS)})")

    env = deps["env"]
    bucket = env["TRANSCRIPTS_BUCKET"]
    transcript = deps["read_json"](bucket, f"{env['TRANSCRIPTS_PREFIX']}{meeting_id}.json")
    text = "\n".join(f"{u['speaker']}: {u['text']}" for u in transcript.get("utterances", []))
    results = {}

    if "generate_summary" in tasks or "create_embeddings" in tasks or "send_email_summary" in tasks:
        results["generate_summary"] = deps["chat"](
            "Summarize this meeting in Korean in at most five sentences.", text
        )
    if "extract_action_items" in tasks:
        reply = deps["chat"](
            'List the action items as JSON: {"items": [{"owner": "...", "task": "...", "due": "... or null"}]}.',
            text,
            json_mode=True,
        )
        results["extract_action_items"] = json.loads(reply).get("items", [])
    if "extract_relationship_data" in tasks:
        results["extract_relationship_data"] = relationships(transcript.get("utterances", []))
    if "create_embeddings" in tasks:
        results["create_embeddings"] = {"model": env["EMBEDDING_MODEL"], "vector": deps["embed"](results["generate_summary"])}
    if "send_email_summary" in tasks:
        recipients = [p["email"] for p in transcript.get("participants", []) if p.get("email")]
        if recipients:
            deps["send_email"](env["FROM_ADDRESS"], recipients, f"[Onno] {transcript.get('title', meeting_id)}", results["generate_summary"])
        results["send_email_summary"] = {"sent_to": len(recipients)}
    if "generate_summary" not in tasks:
        results.pop("generate_summary", None)

    key = f"{env['RESULTS_PREFIX']}{meeting_id}.json"
    deps["write_json"](bucket, key, {"meeting_id": meeting_id, "results": results})
    return {"statusCode": 200, "body": json.dumps({"meeting_id": meeting_id, "tasks": sorted(results), "results_key": key})}


def relationships(utterances):
    """How much each person spoke, and who answered whom (consecutive turns by different speakers)."""
    turns = Counter(u["speaker"] for u in utterances)
    replies = Counter()
    for before, after in zip(utterances, utterances[1:]):
        if before["speaker"] != after["speaker"]:
            replies[(after["speaker"], before["speaker"])] += 1
    return {
        "turns": dict(turns),
        "replies": [{"from": a, "to": b, "count": n} for (a, b), n in sorted(replies.items())],
    }


def aws_dependencies():
    import boto3  # in the Lambda Python runtime

    s3 = boto3.client("s3")
    ses = boto3.client("sesv2")
    secrets = boto3.client("secretsmanager")
    env = os.environ
    api_key = secrets.get_secret_value(SecretId=env["OPENAI_API_KEY_SECRET_ID"])["SecretString"]

    def openai(path, body):
        request = urllib.request.Request(
            f"https://api.openai.com/v1/{path}",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def chat(instruction, text, json_mode=False):
        body = {"model": env["OPENAI_MODEL"], "messages": [{"role": "system", "content": instruction}, {"role": "user", "content": text}]}
        if json_mode:
            body["response_format"] = {"type": "json_object"}
        return openai("chat/completions", body)["choices"][0]["message"]["content"]

    return {
        "env": env,
        "read_json": lambda bucket, key: json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read()),
        "write_json": lambda bucket, key, body: s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(body, ensure_ascii=False).encode(), ContentType="application/json"),
        "chat": chat,
        "embed": lambda text: openai("embeddings", {"model": env["EMBEDDING_MODEL"], "input": text})["data"][0]["embedding"],
        "send_email": lambda sender, to, subject, body: ses.send_email(
            FromEmailAddress=sender,
            Destination={"ToAddresses": to},
            Content={"Simple": {"Subject": {"Data": subject, "Charset": "UTF-8"}, "Body": {"Text": {"Data": body, "Charset": "UTF-8"}}}},
        ),
    }


_deps = None


def lambda_handler(event, context):
    global _deps
    if _deps is None:
        _deps = aws_dependencies()
    return process(event, _deps)
