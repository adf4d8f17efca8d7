"""
Raw StreamField values of a story's blocks (Wagtail's JSON form: {"type": ..., "value": ...}),
as the factories, the demo content and the tests write them. Plain data: no factory_boy, so
the demo content can use them where only the production requirements are installed.
"""


def question_answer(answer, question="werkwijze", own_question="", highlight=""):
    """An answer to one of the recurring questions, or to the ambassador's own question."""
    return {
        "type": "question_answer",
        "value": {
            "recurring_question": question if not own_question else "",
            "own_question": own_question,
            "answer": answer,
            "highlight": highlight,
        },
    }


def recurring_question(key, answer, highlight=""):
    """An answer to a recurring question (ambassadors.blocks.RECURRING_QUESTIONS)."""
    return question_answer(answer, question=key, highlight=highlight)


def own_question(text, answer, highlight=""):
    """An answer to the ambassador's own question."""
    return question_answer(answer, question="", own_question=text, highlight=highlight)


def video(url, caption="Bekijk de videoreferentie"):
    return {"type": "video", "value": {"video": url, "caption": caption, "poster": None}}


def quote(text, attribution="", role=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution, "role": role}}


def result(figure, description):
    return {"type": "result", "value": {"figure": figure, "description": description}}


def image(image_id, alt_text="", caption=""):
    return {"type": "image", "value": {"image": image_id, "alt_text": alt_text, "caption": caption}}


def paragraph(html):
    return {"type": "paragraph", "value": html}
